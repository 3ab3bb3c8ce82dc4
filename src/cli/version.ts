import { readFileSync } from 'node:fs';

/** Pathflow's version, from package.json (the same two levels up from src/cli and dist/cli). */
export const PATHFLOW_VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
