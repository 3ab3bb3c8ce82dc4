/**
 * Writes docs/case-bnssg-2023.md: the public IPACS sample workbook (BNSSG, January to June
 * 2023) against NHS England's acute discharge sitreps for ICB QUY, with Pathflow's backtest
 * and calibration in both modes. The figures come from caseBnssgFigures.ts, the page from
 * caseBnssgDocument.ts.
 *
 *   npm run case-bnssg-2023                  (or: npx tsx scripts/case-bnssg-2023.ts [--stdout])
 *
 * It reads the third-party data in ../shared/data (not part of the repository) and stops
 * with exit 2, saying what is missing, without it. Same data, same page, byte for byte.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { caseDocument } from './caseBnssgDocument.js';
import { caseFigures, HAVE_CASE_DATA, MISSING_CASE_DATA } from './caseBnssgFigures.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CASE_DOC = path.join(repoRoot, 'docs/case-bnssg-2023.md');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { stdout: { type: 'boolean', default: false } } });
  if (!HAVE_CASE_DATA) {
    console.error(`case-bnssg-2023: ${MISSING_CASE_DATA}`);
    process.exit(2);
  }
  const started = Date.now();
  const figures = await caseFigures((message) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`));
  const text = caseDocument(figures);
  if (values.stdout) process.stdout.write(text);
  else {
    writeFileSync(CASE_DOC, text);
    console.error(`wrote ${path.relative(process.cwd(), CASE_DOC)}`);
  }
}

// Imported by the test for CASE_DOC alone; run only as a script.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
