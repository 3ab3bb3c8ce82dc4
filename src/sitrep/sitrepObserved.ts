/**
 * Sitrep files to observed.csv's rows for the organisations asked for. Several files (months)
 * make one series. When two files hold the same figure (a day in two monthly files, a week
 * that starts in the month before, the national series beside a monthly file), the later
 * publication wins: its revised or published date; between files published the same day, the
 * one whose period ends later, then the one whose name sorts last. The result does not depend
 * on the order the files are given.
 */
import type { ObservedGrain, ObservedRow } from '../observed/observedSeries.js';
import { derivedDelays } from './derivedDelays.js';
import { chooseOrgs } from './orgChoice.js';
import { destinationPathway, reasonPathway } from './pathwayMaps.js';
import type { OrgFigures, SitrepFile } from './sitrepFile.js';

export function sitrepObserved(files: readonly SitrepFile[], orgCodes: readonly string[]): ObservedRow[] {
  const orgs = chooseOrgs(files, orgCodes);
  const latestLast = [...files].sort((a, b) => compare(a.cover.published, b.cover.published) || compare(a.cover.to, b.cover.to) || compare(a.fileName, b.fileName));
  const rows = new Map<string, ObservedRow>();
  for (const file of latestLast) {
    for (const figures of file.orgs) {
      if (!orgs.some((org) => org.code === figures.org.code && org.level === figures.org.level)) continue;
      for (const row of reportedRows(figures, file.kind === 'community' ? 'community_' : '')) rows.set(rowKey(row), row);
    }
  }
  for (const org of orgs) for (const row of derivedDelays([...rows.values()].filter((candidate) => candidate.org === org.code))) rows.set(rowKey(row), row);
  return [...rows.values()].sort(compareRows);
}

function reportedRows(figures: OrgFigures, prefix: string): ObservedRow[] {
  const org = figures.org.code;
  const row = (grain: ObservedGrain, date: string, pathway: string, measure: string, detail: string, value: number): ObservedRow => ({
    grain,
    date,
    org,
    pathway,
    node: '',
    measure: prefix + measure,
    detail,
    value,
    basis: 'reported',
  });
  const rows: ObservedRow[] = [];
  for (const day of figures.daily) {
    rows.push(row('day', day.date, 'all', 'ctr_not_met', '', day.ctrNotMet), row('day', day.date, 'all', 'discharged', '', day.discharged), row('day', day.date, 'all', 'remaining', '', day.remaining));
  }
  for (const week of figures.bedDays) {
    for (const cohort of [7, 14, 21] as const) {
      const value = week[`days${cohort}`];
      if (value !== undefined) rows.push(row('week', week.weekStart, 'all', `delay_days_${cohort}plus`, '', value));
    }
  }
  for (const figure of figures.discharges) rows.push(row(figure.grain, figure.date, destinationPathway(figure.heading), 'discharges', figure.heading, figure.value));
  for (const figure of figures.longStay) rows.push(row(figure.grain, figure.date, reasonPathway(figure.heading), 'long_stay_14plus', figure.heading, figure.value));
  return rows;
}

export function rowKey(row: ObservedRow): string {
  return [row.grain, row.date, row.org, row.pathway, row.node, row.measure, row.detail].join('\u0000');
}

const GRAIN_ORDER: Record<ObservedGrain, number> = { day: 0, week: 1, month: 2 };

/** Organisation, grain, date, measure, pathway, detail: each day's figures together. */
function compareRows(a: ObservedRow, b: ObservedRow): number {
  return compare(a.org, b.org) || GRAIN_ORDER[a.grain] - GRAIN_ORDER[b.grain] || compare(a.date, b.date) || compare(a.measure, b.measure) || compare(a.pathway, b.pathway) || compare(a.detail, b.detail);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
