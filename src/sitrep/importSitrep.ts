/**
 * `import sitrep` without the file system, so the web app can run it too: the files read,
 * observed.csv's rows, the model skeleton and the notes. Any problem is a SitrepError whose
 * message names the file, sheet and cell (or the option).
 */
import { formatObservedCsv } from '../observed/observedCsv.js';
import type { ObservedRow } from '../observed/observedSeries.js';
import { chooseOrgs } from './orgChoice.js';
import type { SitrepOrg } from './orgTable.js';
import { readSitrepFile, type SitrepFile } from './sitrepFile.js';
import { sitrepNotes } from './sitrepNotes.js';
import { sitrepObserved } from './sitrepObserved.js';
import { sitrepSkeleton, type Skeleton, type SkeletonOptions } from './sitrepSkeleton.js';

export interface SitrepImport {
  files: SitrepFile[];
  orgs: SitrepOrg[];
  rows: ObservedRow[];
  observedCsv: string;
  skeleton: Skeleton;
  notes: string;
}

export function importSitrep(inputs: readonly { name: string; bytes: Uint8Array }[], orgCodes: readonly string[], options: SkeletonOptions = {}): SitrepImport {
  const files = inputs.map(({ name, bytes }) => readSitrepFile(bytes, name));
  const orgs = chooseOrgs(files, orgCodes);
  const rows = sitrepObserved(files, orgCodes);
  const skeleton = sitrepSkeleton(rows, orgs.map((org) => org.code), options);
  return { files, orgs, rows, observedCsv: formatObservedCsv(rows), skeleton, notes: sitrepNotes(files, rows, orgs, skeleton) };
}
