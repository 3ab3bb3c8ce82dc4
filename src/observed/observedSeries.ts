/**
 * What happened, as counts over periods: the common ground between data brought in (NHS
 * England's discharge sitreps, a patient-level episode extract) and the model checked against
 * it (backtest, calibration). One row is one figure for one period, place and measure, so a
 * sitrep's daily, weekly and monthly tables and an episode extract's per-node series sit in
 * one long file that spreadsheets and R read directly.
 */

/** How long the period a figure covers is: `date` is its first day. */
export type ObservedGrain = 'day' | 'week' | 'month';
export const OBSERVED_GRAINS: readonly ObservedGrain[] = ['day', 'week', 'month'];

/**
 * Where a figure comes from: as the source reported it; worked out by Pathflow from reported
 * figures (an estimate, explained in the docs of whatever wrote it); or withheld because it
 * counts between 1 and 4 people (small-number suppression).
 */
export type ObservedBasis = 'reported' | 'derived' | 'suppressed';
export const OBSERVED_BASES: readonly ObservedBasis[] = ['reported', 'derived', 'suppressed'];

/**
 * The measures Pathflow writes and reads. A reader keeps rows of other measures (a later
 * version's, or a user's own) without refusing them; the backtest uses `delayed`.
 */
export const OBSERVED_MEASURES = {
  /** People who no longer meet the criteria to reside (acute sitrep, Table 2). */
  ctr_not_met: 'people who no longer meet the criteria to reside',
  /** Of them, discharged that day (Table 2). */
  discharged: 'people discharged who no longer met the criteria to reside',
  /** Of them, still in hospital at the end of the day (Table 2). */
  remaining: 'people remaining in hospital who no longer meet the criteria to reside',
  /** Discharges in the period by pathway (Table 4, or episodes' referrals). */
  discharges: 'discharges to the pathway',
  /** People waiting for the pathway (a delayed discharge) on the day, or the period's daily mean. */
  delayed: 'people delayed waiting for the pathway',
  /** People in the pathway's service on the day, or the period's daily mean. */
  in_service: 'people in the pathway service',
  /** People in hospital 14 days or more and not discharged, by the reason (Table 5), weekly mean. */
  long_stay_14plus: 'people in hospital 14+ days not discharged, by reason',
  /** People delayed 7+, 14+, 21+ days since the criteria-to-reside decision (Table 3 snapshot). */
  delay_7plus: 'people delayed 7 days or more',
  delay_14plus: 'people delayed 14 days or more',
  delay_21plus: 'people delayed 21 days or more',
  /** Additional bed days since the criteria-to-reside decision of people staying 7+, 14+, 21+ days (what sitrep Table 3 reports). */
  delay_days_7plus: 'additional bed days, stays of 7 days or more',
  delay_days_14plus: 'additional bed days, stays of 14 days or more',
  delay_days_21plus: 'additional bed days, stays of 21 days or more',
  /** The community sitrep's figures, kept apart from the acute ones (people in community beds). */
  community_ctr_not_met: 'community beds: people who no longer meet the criteria to reside',
  community_discharged: 'community beds: of them, discharged',
  community_remaining: 'community beds: of them, remaining',
  community_discharges: 'community beds: discharges by destination',
  community_long_stay_14plus: 'community beds: people staying 14+ days not discharged, by reason',
  community_delay_days_7plus: 'community beds: additional bed days, stays of 7 days or more',
  community_delay_days_14plus: 'community beds: additional bed days, stays of 14 days or more',
  community_delay_days_21plus: 'community beds: additional bed days, stays of 21 days or more',
} as const;
export type KnownObservedMeasure = keyof typeof OBSERVED_MEASURES;

export interface ObservedRow {
  grain: ObservedGrain;
  /** ISO date of the period's first day. */
  date: string;
  /** Organisation code (ICB such as `QUY`, trust such as `RVJ`), or '' when not from a named organisation. */
  org: string;
  /** `P0`..`P3`, a finer label, or `all`. */
  pathway: string;
  /** A model node id when the figure is for one node (episodes), else ''. */
  node: string;
  measure: string;
  /** Finer detail within the measure (a Table 4 destination, a Table 5 reason), or ''. */
  detail: string;
  /** NaN when the source left it blank (`-`) or it is suppressed. */
  value: number;
  basis: ObservedBasis;
}
