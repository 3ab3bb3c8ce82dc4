/** The inputs whose outputs must keep the last release's bytes, and how they are hashed. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const HASHES_FILE = path.join(repoRoot, 'test/compare/release-output-hashes.json');
const IPACS_DATA = path.resolve(repoRoot, '../shared/data/ipacs');

export const HASHED_INPUTS = [
  { name: 'IPACS_params', workbook: path.join(IPACS_DATA, 'IPACS_params.xlsx'), shared: true },
  { name: 'sample_nodtoc', workbook: path.join(IPACS_DATA, 'sample_nodtoc.xlsx'), shared: true },
  { name: 'fictional-icb', workbook: path.join(repoRoot, 'examples/fictional-icb.xlsx'), shared: false },
];

/** SHA-256 of each file a run wrote, by name; manifest.json records times and is left out. */
export function hashRunOutputs(directory: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const name of readdirSync(directory).sort()) {
    if (name === 'manifest.json') continue;
    hashes[name] = createHash('sha256').update(readFileSync(path.join(directory, name))).digest('hex');
  }
  return hashes;
}
