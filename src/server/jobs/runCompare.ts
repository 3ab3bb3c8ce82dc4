/**
 * Two runs side by side: for every node-scenario (matched by summary.csv's scenario id), a
 * few headline figures of each run and b minus a. Read from the stored summary.csv with the
 * report's own parser, so the figures are the ones the run's report shows.
 */
import { strFromU8 } from 'fflate';
import type { ComparedMetric, RunComparisonRow } from '../apiTypes.js';
import { parseSummary, type SummaryRow } from '../../report/runData.js';

export const COMPARED_METRICS: readonly ComparedMetric[] = ['mean_occupancy', 'mean_delayed', 'delayed_bed_days', 'mean_wait_days', 'total_cost'];

function figures(row: SummaryRow): Record<ComparedMetric, number> {
  return Object.fromEntries(COMPARED_METRICS.map((metric) => [metric, row.values[metric]])) as Record<ComparedMetric, number>;
}

/** Rows in a's order, then those only b has, in b's. */
export function compareSummaries(summaryA: Uint8Array, summaryB: Uint8Array): RunComparisonRow[] {
  const a = parseSummary(strFromU8(summaryA));
  const b = parseSummary(strFromU8(summaryB));
  const inB = new Map(b.map((row) => [row.scenario, row]));
  const inA = new Set(a.map((row) => row.scenario));
  const rows: RunComparisonRow[] = a.map((rowA) => {
    const rowB = inB.get(rowA.scenario);
    const before = figures(rowA);
    if (!rowB) return { node: rowA.node, scenario: rowA.scenario, label: rowA.label, a: before };
    const after = figures(rowB);
    const difference = Object.fromEntries(COMPARED_METRICS.map((metric) => [metric, after[metric] - before[metric]])) as Record<ComparedMetric, number>;
    return { node: rowA.node, scenario: rowA.scenario, label: rowA.label, a: before, b: after, difference };
  });
  for (const rowB of b) if (!inA.has(rowB.scenario)) rows.push({ node: rowB.node, scenario: rowB.scenario, label: rowB.label, b: figures(rowB) });
  return rows;
}
