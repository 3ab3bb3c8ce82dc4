/**
 * Writes examples/fictional-icb.xlsx, the bundled example workbook of isolated nodes (see
 * example-model.ts), and the network example, examples/fictional-icb-network.json (see
 * example-network.ts).
 * Run with `npx tsx scripts/make-example.ts` (or `npm run make-example`); the output is the
 * same bytes on every run, so the committed file changes only when the model does.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeIpacsWorkbook } from '../src/workbook/write.js';
import { buildExampleModel, EXAMPLE_NAME } from './example-model.js';
import { writeNetworkExample } from './example-network.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(repoRoot, 'examples', `${EXAMPLE_NAME}.xlsx`);

await mkdir(path.dirname(target), { recursive: true });
await writeFile(target, await writeIpacsWorkbook(buildExampleModel()));
console.log(`wrote ${path.relative(repoRoot, target)}`);
for (const file of await writeNetworkExample(repoRoot)) console.log(`wrote ${path.relative(repoRoot, file)}`);
