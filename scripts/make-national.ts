/**
 * Writes the synthetic national workbook (national-model.ts: 40 ICBs x 3 localities x
 * P1/P2/P3, 360 nodes) for the bench and for anyone measuring Pathflow at scale. Not
 * committed: it is made on demand, the same bytes every time.
 *
 *   npm run make-national [-- <file.xlsx> [icbs]]   (default out/synthetic-national.xlsx, 40 ICBs)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeIpacsWorkbook } from '../src/workbook/write.js';
import { buildNationalModel, NATIONAL_ICBS, NATIONAL_NAME } from './national-model.js';

// npm runs scripts in the repository root; a path given is the caller's.
const target = process.argv[2] === undefined ? path.resolve('out', `${NATIONAL_NAME}.xlsx`) : path.resolve(process.env.INIT_CWD ?? '.', process.argv[2]);
const icbs = process.argv[3] === undefined ? NATIONAL_ICBS : Number(process.argv[3]);
if (!Number.isInteger(icbs) || icbs < 1) {
  process.stderr.write(`error: ICBs must be a whole number of at least 1, not ${process.argv[3]}\n`);
  process.exit(2);
}
const model = buildNationalModel({ icbs });
await mkdir(path.dirname(target), { recursive: true });
await writeFile(target, await writeIpacsWorkbook(model));
process.stdout.write(`wrote ${target}: ${model.nodes.length} nodes, ${model.dates.length} days\n`);
