/**
 * Which D2A pathway a sitrep column is about. Table 4's destinations start with their pathway
 * (`P1 - Domestic home with reablement support`, `P3b - Care Home (existing resident
 * discharged back)`); Table 5's reasons name one only when the person waits for a pathway's
 * capacity (`Pathway 2: awaiting availability of rehabilitation bed ...`); every other reason
 * (a medical decision, transport, no plan) is `other`. docs/sitrep.md has the full tables.
 */

export type SitrepPathway = 'P0' | 'P1' | 'P2' | 'P3' | 'other';

/** Table 4 heading to pathway; P3b (an existing care-home resident going back) counts as P3. */
export function destinationPathway(heading: string): SitrepPathway {
  const match = /^P\s*([0-3])b?\b/i.exec(heading.trim());
  return match ? (`P${match[1]}` as SitrepPathway) : 'other';
}

/**
 * Whether a Table 4 destination is a referral to a D2A service a model's node stands for.
 * Not P3b: the person goes back to the care home they came from, taking no new place. Not a
 * hospice (P2 hospice, P1 hospice at home): end-of-life care is not the rehabilitation or
 * reablement a model's P1/P2 nodes are, and ICB and trust rows withhold it anyway.
 */
export function isServiceReferral(heading: string): boolean {
  return !/^P\s*3b/i.test(heading.trim()) && !/hospice/i.test(heading) && destinationPathway(heading) !== 'other';
}

/** Table 5 reason to the pathway whose capacity the person waits for, or `other`. */
export function reasonPathway(heading: string): SitrepPathway {
  const match = /^Pathway\s*([1-3])\s*:/i.exec(heading.trim());
  return match ? (`P${match[1]}` as SitrepPathway) : 'other';
}
