/**
 * NHS England's published discharge sitreps as the tests read them: from ../shared beside the
 * repository root (never copied in); whatever needs them skips when they are absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../cliHarness.js';

export const SITREP_DATA = path.resolve(repoRoot, '../shared/data/nhse-sitrep');
export const HAVE_SITREP = existsSync(path.join(SITREP_DATA, 'acute', 'june2023.xlsx'));
export const MISSING_SITREP = `skipped: ${SITREP_DATA}, NHS England's published sitreps, is not beside the repository`;

export function sitrepPath(kind: 'acute' | 'community', name: string): string {
  return path.join(SITREP_DATA, kind, name);
}

export function sitrepBytes(kind: 'acute' | 'community', name: string): Uint8Array {
  return new Uint8Array(readFileSync(sitrepPath(kind, name)));
}

export function sitrepFileNames(kind: 'acute' | 'community'): string[] {
  return HAVE_SITREP ? readdirSync(path.join(SITREP_DATA, kind)).filter((name) => name.endsWith('.xlsx')).sort() : [];
}

/** QUY's months in the BNSSG case study. */
export const FIRST_HALF_2023 = ['january2023.xlsx', 'february2023.xlsx', 'march2023.xlsx', 'april2023.xlsx', 'may2023.xlsx', 'june2023.xlsx'];
