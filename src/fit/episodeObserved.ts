/**
 * What happened in each node, from episodes, as observed.csv rows: per day, people waiting
 * (`delayed`), people in service (`in_service`) and referrals (`discharges`: a referral to a
 * pathway is a discharge to it from the acute side). Counts from the source, so basis
 * `reported`; with suppression on, counts of 1 to 4 are withheld.
 */
import type { ObservedRow } from '../observed/observedSeries.js';
import { dateOfDay } from './days.js';
import type { NodeSeries } from './nodeSeries.js';
import { suppressedRow } from './smallCounts.js';

export function episodeObservedRows(series: readonly NodeSeries[], suppress: boolean): ObservedRow[] {
  const rows: ObservedRow[] = [];
  for (const node of series) {
    const measures: [string, number[]][] = [
      ['delayed', node.waiting],
      ['in_service', node.inService],
      ['discharges', node.referrals],
    ];
    for (const [measure, values] of measures) {
      values.forEach((value, i) => {
        const row: ObservedRow = { grain: 'day', date: dateOfDay(node.firstDay + i), org: '', pathway: node.pathway, node: node.node, measure, detail: '', value, basis: 'reported' };
        rows.push(suppress ? suppressedRow(row) : row);
      });
    }
  }
  return rows;
}
