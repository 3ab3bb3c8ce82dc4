/**
 * Writes examples/fictional-episodes.csv: a year of discharge-to-assess episodes of a
 * fictional ICB (three localities, pathways 1 to 3), simulated from the known truth below
 * (src/fit/syntheticEpisodes.ts), so that what `pathflow fit` recovers from it can be checked.
 * Run with `npm run make-episodes`; the same bytes on every run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateEpisodes } from '../src/fit/syntheticEpisodes.js';
import { EXAMPLE_EPISODES_SEED, EXAMPLE_EPISODES_TRUTH } from './example-episodes.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(repoRoot, 'examples', 'fictional-episodes.csv');

await mkdir(path.dirname(target), { recursive: true });
await writeFile(target, generateEpisodes(EXAMPLE_EPISODES_TRUTH, EXAMPLE_EPISODES_SEED));
console.log(`wrote ${path.relative(repoRoot, target)}`);
