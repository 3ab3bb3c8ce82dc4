/**
 * Writes out/fictional-icb-network-365.json: the bundled network example (example-network.ts)
 * over a year, 1 October 2026 to 30 September 2027, the horizon issue 12's speed target for
 * the example names. Not bundled (the example covers the winter); the bench makes it on
 * demand. Run with `npx tsx scripts/make-network-year.ts`; the same bytes on every run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelFileText } from '../src/engine/modelSchema.js';
import { buildNetworkExampleModel, NETWORK_EXAMPLE_NAME } from './example-network.js';

const YEAR = 365;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(repoRoot, 'out', `${NETWORK_EXAMPLE_NAME}-${YEAR}.json`);
await mkdir(path.dirname(target), { recursive: true });
await writeFile(target, modelFileText(buildNetworkExampleModel(YEAR)));
console.log(`wrote ${path.relative(repoRoot, target)}`);
