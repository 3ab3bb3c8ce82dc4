import { readFileSync } from 'node:fs';

/**
 * Pathflow's version, from package.json (one level up from src and from dist). Here, not in
 * src/cli, so the server and the CLI read it from a module neither owns.
 */
export const PATHFLOW_VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
