/**
 * A component summary as the writer thread is sent it: what its files need, the daily figures
 * copied into one array that is transferred rather than cloned.
 *
 * Cloned as it is, a component summary is a few thousand typed-array views over dozens of
 * buffers, each node's ScenarioSummary with it (PathSimR's Stroke case: 11.7 MB). Serialising
 * it held the main thread 25-50 ms and deserialising it the writer up to 130 ms, at the end of
 * the run, when nothing else is left to do; and six of a networked node's eight scenario
 * metrics are never written (daily.csv takes wait and cost from it, the rest from the network
 * metrics). Copying the figures the writer needs into one array (Stroke: 6 MB) takes about
 * 20 ms on the project's VM, nearly all of it the kernel mapping the new array's pages.
 */
import type { ComponentSummary } from '../engine/network/componentSummary.js';
import type { DailySummary } from '../engine/summary.js';
import { NETWORK_METRICS } from '../engine/network/networkRecord.js';
import type { NetworkFilesComponent } from '../csv/networkFiles.js';
import type { NetworkNodeRows } from '../csv/daily.js';
import type { ReplicationRowsSource } from '../csv/replications.js';

/** A networked node as the writer uses it: its daily.csv rows and its replications.csv rows. */
export type WriterNode = NetworkNodeRows & { scenario: ReplicationRowsSource };

/** What the writer thread takes of a component summary. */
export type WriterComponent = NetworkFilesComponent & { nodes: WriterNode[] };

export interface PackedComponent {
  component: Omit<WriterComponent, 'nodes' | 'flows'> & {
    nodes: Array<{ scenario: ReplicationRowsSource }>;
    flows: Array<Omit<WriterComponent['flows'][number], 'daily'>>;
  };
  days: number;
  /** Quantile rows of each daily summary, in the order of `values`. */
  quantileRows: number[];
  /**
   * Each daily summary's mean, then its quantiles, `days` values each: every node's network
   * metrics then its wait and cost, in node order, then every edge's flow.
   */
  values: Float64Array;
}

/** The daily summaries of a component in the packed order. */
function dailyOf(component: WriterComponent): DailySummary[] {
  const summaries: DailySummary[] = [];
  for (const node of component.nodes) {
    for (const metric of NETWORK_METRICS) summaries.push(node.daily[metric]);
    summaries.push(node.scenario.daily.wait, node.scenario.daily.cost);
  }
  for (const flow of component.flows) summaries.push(flow.daily);
  return summaries;
}

/** The message for `summary`; its `values` is a fresh array, for the transfer list. */
export function packComponent(summary: ComponentSummary): PackedComponent {
  const summaries = dailyOf(summary);
  const days = summaries.length === 0 ? 0 : summaries[0].mean.length;
  const quantileRows = summaries.map((daily) => daily.quantiles.length);
  const values = new Float64Array(quantileRows.reduce((total, rows) => total + (1 + rows) * days, 0));
  let at = 0;
  for (const { mean, quantiles } of summaries) {
    for (const row of [mean, ...quantiles]) {
      if (row.length !== days) throw new RangeError(`a component's daily rows must all be ${days} days long, not ${row.length}`);
      values.set(row, at);
      at += days;
    }
  }
  const { key, blockedByCause, system, patients, warnings } = summary;
  return {
    component: {
      key,
      blockedByCause,
      system,
      ...(patients ? { patients } : {}),
      warnings,
      nodes: summary.nodes.map(({ scenario: { key, horizon } }) => ({ scenario: { key, horizon: { replications: horizon.replications, byReplication: horizon.byReplication } } })),
      flows: summary.flows.map(({ edge, from, to, type, total }) => ({ edge, from, to, type, total })),
    },
    days,
    quantileRows,
    values,
  };
}

/** The component again, its daily figures views into the packed array (no copy). */
export function unpackComponent({ component, days, quantileRows, values }: PackedComponent): WriterComponent {
  let at = 0;
  let next = 0;
  const daily = (): DailySummary => {
    const rows = quantileRows[next++];
    const row = () => values.subarray(at, (at += days));
    const mean = row();
    return { mean, quantiles: Array.from({ length: rows }, row) };
  };
  const nodes: WriterNode[] = component.nodes.map(({ scenario }) => {
    const network = Object.fromEntries(NETWORK_METRICS.map((metric) => [metric, daily()])) as WriterNode['daily'];
    const wait = daily();
    const cost = daily();
    return { daily: network, scenario: { ...scenario, daily: { wait, cost } } };
  });
  const flows = component.flows.map((flow) => ({ ...flow, daily: daily() }));
  return { ...component, nodes, flows };
}
