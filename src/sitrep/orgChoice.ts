/**
 * The organisations asked for, checked against those the files hold: an unknown code is
 * refused with the codes that come closest, so that a typo (`QYU`) finds `QUY`.
 */
import type { SitrepOrg } from './orgTable.js';
import { SitrepError } from './sitrepGrid.js';
import type { SitrepFile } from './sitrepFile.js';

/** How many close matches a refusal suggests. */
const SUGGESTIONS = 5;

export function chooseOrgs(files: readonly SitrepFile[], codes: readonly string[]): SitrepOrg[] {
  if (codes.length === 0) throw new SitrepError('no organisation asked for: name ICB or trust codes (e.g. QUY, RVJ)');
  const held = new Map<string, SitrepOrg>();
  for (const file of files) for (const { org } of file.orgs) if (!held.has(org.code)) held.set(org.code, org);
  const chosen: SitrepOrg[] = [];
  for (const asked of codes) {
    const code = asked.trim().toUpperCase();
    const org = held.get(code);
    if (!org) {
      const closest = [...held.keys()].sort((a, b) => distance(code, a) - distance(code, b) || (a < b ? -1 : 1)).slice(0, SUGGESTIONS);
      const icbs = [...held.values()].filter((candidate) => candidate.level === 'icb').length;
      const trusts = [...held.values()].filter((candidate) => candidate.level === 'trust').length;
      throw new SitrepError(`--org ${asked}: no organisation with that code in the files (they hold ENGLAND, the regions, ${icbs} ICBs and ${trusts} trusts); closest: ${closest.join(', ')}`);
    }
    if (!chosen.includes(org)) chosen.push(org);
  }
  return chosen;
}

/** Edits from one code to the other, a swap of two neighbours counting as one (`QYU` is one from `QUY`). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
