/**
 * A model to start from, built from sitrep figures: per organisation asked for, one node per
 * pathway (P1, P2, P3; the locality is the organisation's code), whose `arrivals` are the
 * month's discharges to the pathway (Table 4, the destinations that are referrals to a D2A
 * service: pathwayMaps.ts) spread over the month's days by the day-of-week pattern of Table 2's
 * discharges (weekdayPattern.ts), so that each month's total is kept. What the sitrep cannot
 * tell (capacity, length of stay, costs) are placeholders, stated in each scenario's
 * description and in the notes; the start state is the derived delay on the first day.
 */
import type { ModelSpec, NodeSpec, Pathway } from '../engine/model.js';
import { validateModel, formatModelIssue } from '../engine/modelSchema.js';
import type { ObservedRow } from '../observed/observedSeries.js';
import { isServiceReferral } from './pathwayMaps.js';
import { SitrepError } from './sitrepGrid.js';
import { weekdayPattern } from './weekdayPattern.js';

export interface SkeletonOptions {
  /** First day (yyyy-mm-dd); default the first day of the first month with Table 4 figures. */
  start?: string;
  /** Days; default to the end of the last month with Table 4 figures. */
  days?: number;
}

/** Length-of-stay placeholders: round figures of the order of the public IPACS sample's (BNSSG, 2023) baseline. */
export const PLACEHOLDER_LOS: Record<Pathway, { median: number; mean: number }> = {
  P1: { median: 6, mean: 15 },
  P2: { median: 30, mean: 38 },
  P3: { median: 45, mean: 55 },
};
const PATHWAYS: Pathway[] = ['P1', 'P2', 'P3'];
const DAY_MS = 86_400_000;

export interface Skeleton {
  model: ModelSpec;
  /** Per node: the weekday weights, the mean daily arrivals and the placeholder capacity, for the notes. */
  nodes: { id: string; org: string; pathway: Pathway; meanDaily: number; capacity: number; waiting: number; pattern: number[] }[];
}

export function sitrepSkeleton(rows: readonly ObservedRow[], orgs: readonly string[], options: SkeletonOptions = {}): Skeleton {
  const monthly = referralsByMonth(rows);
  const months = [...new Set([...monthly.values()].flatMap((byMonth) => [...byMonth.keys()]))].sort();
  if (months.length === 0) throw new SitrepError(`the files hold no month of acute discharges by destination (acute sitrep Table 4) for ${orgs.join(', ')}: arrivals cannot be set`);
  const dates = horizon(months, options);
  const nodes: NodeSpec[] = [];
  const described: Skeleton['nodes'] = [];
  for (const org of orgs) {
    const pattern = weekdayPattern(rows, org, dates[0], dates[dates.length - 1]);
    for (const pathway of PATHWAYS) {
      const byMonth = monthly.get(`${org} ${pathway}`) ?? new Map<string, number>();
      const daily = spread(byMonth, dates, pattern);
      const meanDaily = daily.reduce((sum, value) => sum + value, 0) / daily.length;
      const los = PLACEHOLDER_LOS[pathway];
      // Little's law: the places that carry the mean demand at the placeholder stay; a start, not an estimate.
      const capacity = Math.max(1, Math.ceil(meanDaily * los.mean));
      const waiting = Math.round(rows.find((row) => row.org === org && row.measure === 'delayed' && row.pathway === pathway && row.date === dates[0])?.value ?? 0);
      const id = `${pathway}_${org}`;
      nodes.push({
        id,
        pathway,
        locality: org,
        description: `${pathway} for ${org}: arrivals from NHS England's discharge sitrep; capacity, length of stay and costs are placeholders`,
        arrivals: [{ name: 'BArr', description: "sitrep Table 4: the month's discharges to the pathway, by Table 2's day-of-week pattern", daily }],
        capacity: [{ name: 'BCap', description: 'PLACEHOLDER: mean daily arrivals x placeholder mean stay; set your commissioned capacity', capacity }],
        los: [{ name: 'Blos', description: 'PLACEHOLDER: not in the sitrep; set from your service data (pathflow fit)', family: 'lnorm', mean: los.mean, median: los.median }],
        initial: { occupied: capacity, waiting },
        costs: { community: 0, acuteDelay: 0 },
      });
      described.push({ id, org, pathway, meanDaily, capacity, waiting, pattern });
    }
  }
  const model: ModelSpec = { name: `sitrep ${namedOrgs(orgs, ' ')}`, dates, nodes };
  const validation = validateModel(model);
  // England's referrals (over 1,000 a day to P1) are beyond what one model node may take.
  if (!validation.ok) {
    const more = validation.issues.length > 1 ? ` and ${validation.issues.length - 1} more` : '';
    throw new SitrepError(`--org ${orgs.join(',')}: the model skeleton is outside a model's bounds (${formatModelIssue(validation.issues[0])}${more}): build models for ICBs or trusts`);
  }
  return { model, nodes: described };
}

/** `QUY RVJ`, or `QUY and 41 more` when the names would not fit a model's or a folder's name. */
export function namedOrgs(orgs: readonly string[], separator: string): string {
  return orgs.length <= 3 ? orgs.join(separator) : `${orgs[0]}${separator}and${separator}${orgs.length - 1}${separator}more`;
}

/** `${org} ${pathway}` -> month (yyyy-mm-01) -> referrals to a D2A service that month. */
function referralsByMonth(rows: readonly ObservedRow[]): Map<string, Map<string, number>> {
  const totals = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (row.grain !== 'month' || row.measure !== 'discharges' || !isServiceReferral(row.detail)) continue;
    const key = `${row.org} ${row.pathway}`;
    const byMonth = totals.get(key) ?? new Map<string, number>();
    byMonth.set(row.date, (byMonth.get(row.date) ?? 0) + (Number.isNaN(row.value) ? 0 : row.value));
    totals.set(key, byMonth);
  }
  return totals;
}

function horizon(months: string[], options: SkeletonOptions): string[] {
  const start = options.start ?? months[0];
  const startMs = Date.parse(`${start}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(startMs)) throw new SitrepError(`--start ${start}: not a date written yyyy-mm-dd`);
  const last = months[months.length - 1];
  const endMs = Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5, 7)), 0);
  const days = options.days ?? Math.round((endMs - startMs) / DAY_MS) + 1;
  if (!Number.isInteger(days) || days < 1) throw new SitrepError(`the horizon from ${start} has ${days} days: give --days, a whole number of at least 1`);
  return Array.from({ length: days }, (_, day) => new Date(startMs + day * DAY_MS).toISOString().slice(0, 10));
}

/**
 * Each day gets its month's total x its weekday's weight / the month's sum of weights, so a
 * month's days add up to its total. A day in a month without figures gets the mean daily
 * referrals of the months with figures, times its weekday's weight.
 */
function spread(byMonth: Map<string, number>, dates: string[], pattern: number[]): number[] {
  const monthWeights = new Map<string, number>();
  for (const month of byMonth.keys()) {
    const year = Number(month.slice(0, 4));
    const index = Number(month.slice(5, 7)) - 1;
    const length = new Date(Date.UTC(year, index + 1, 0)).getUTCDate();
    let sum = 0;
    for (let day = 1; day <= length; day++) sum += pattern[new Date(Date.UTC(year, index, day)).getUTCDay()];
    monthWeights.set(month, sum);
  }
  const total = [...byMonth.values()].reduce((sum, value) => sum + value, 0);
  const coveredDays = [...monthWeights.values()].reduce((sum, weights) => sum + weights, 0);
  const meanPerWeight = coveredDays > 0 ? total / coveredDays : 0;
  return dates.map((date) => {
    const weight = pattern[new Date(`${date}T00:00:00Z`).getUTCDay()];
    const month = `${date.slice(0, 7)}-01`;
    const value = byMonth.has(month) ? (byMonth.get(month)! * weight) / monthWeights.get(month)! : meanPerWeight * weight;
    return Math.round(value * 1000) / 1000;
  });
}
