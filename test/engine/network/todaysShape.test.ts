/**
 * A networked node's figures in today's shape (the isolated node's metrics, for summary.csv,
 * the charts and the reports) are summarised from the network metrics' columns when all the
 * replications are in, not kept per replication. They must be exactly what summarising each
 * replication's rows would give: here every replication's rows are built from its record by
 * the definitions (docs/network.md, "In a run": each node in today's shape) and summarised by the isolated
 * nodes' own ScenarioAccumulator, and the two summaries are compared to the bit.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DailyRecord, Horizon, Metric } from '../../../src/engine/dailyRecord.js';
import { validateModel } from '../../../src/engine/modelSchema.js';
import { simulateComponent } from '../../../src/engine/network/componentRun.js';
import { componentTask, plannedComponentScenarios, type ComponentTask } from '../../../src/engine/network/componentTask.js';
import { compileNetwork, Kind, type CompiledNetwork } from '../../../src/engine/network/networkModel.js';
import { NetworkMetric, type NetworkRecord } from '../../../src/engine/network/networkRecord.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import type { NodeCosts } from '../../../src/engine/network/systemTotals.js';
import { ScenarioAccumulator, type ScenarioSummary } from '../../../src/engine/summary.js';

/** Generous: a dozen replications of a year of the example network, on a busy CI machine. */
const TIMEOUT_MS = 120_000;
const SEED = 20261206;
const REPLICATIONS = 12;

function exampleTask(replications: number): ComponentTask {
  const parsed = validateModel(JSON.parse(readFileSync(new URL('../../../examples/fictional-icb-network.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
  return componentTask(parsed.model, plannedComponentScenarios(parsed.model)[0], { seed: SEED, initialResidual: 'ipacs' }, replications);
}

/** Node `i`'s rows of one replication as an isolated node's, from their definitions. */
function rowsOf(network: CompiledNetwork, record: NetworkRecord, i: number, costs: NodeCosts): DailyRecord {
  const days = record.days;
  const out = new DailyRecord(days);
  const metric = (m: number) => record.row(i, m);
  const held = metric(NetworkMetric.occ_bed);
  const queued = metric(NetworkMetric.niq);
  const blocked = metric(NetworkMetric.blocked);
  const upstream = record.nodeRow(record.blockedUpstream, i);
  const visits = record.visitsRow(i);
  const visit = network.visits[i];
  const community = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    // Beds held; a visit node's caseload is its visits over the visits a patient needs.
    out.row(Metric.occ)[d] = visit ? visits[d] / visit.meanVisits : held[d];
    // Everyone waiting for it: its own queues and patients blocked upstream for it.
    out.row(Metric.niq)[d] = queued[d] + upstream[d];
    out.row(Metric.arrivals)[d] = metric(NetworkMetric.arrivals_external)[d] + metric(NetworkMetric.arrivals_internal)[d];
    out.row(Metric.admissions)[d] = metric(NetworkMetric.admissions)[d];
    out.row(Metric.departures)[d] = metric(NetworkMetric.departures)[d];
    out.row(Metric.lost)[d] = metric(NetworkMetric.lost)[d];
    community[d] = (costs.perOccupiedBedDay ?? 0) * held[d] + (costs.perDelayedDay ?? 0) * blocked[d] + (costs.perQueuedDay ?? 0) * queued[d] + (costs.perVisit ?? 0) * visits[d];
  }
  out.finish(record.nodeRow(record.waits, i), record.delayedAdmissions[i], record.waitingAtEnd[i], 0, community);
  // The bed-days priced at the acute rate: blocked in an acute node, queuing for any other that holds patients.
  const kind = network.kinds[i];
  const priced = kind === Kind.Delay || kind === Kind.Exit ? new Float64Array(0) : kind === Kind.Acute ? blocked : queued;
  out.horizon[Horizon.delayedBedDays] = priced.reduce((sum, v) => sum + v, 0);
  return out;
}

function bits(summary: ScenarioSummary): string {
  const numbers = (array: Float64Array) => Array.from(array, (v) => (Object.is(v, -0) ? '-0' : String(v)));
  return JSON.stringify({
    key: summary.key,
    daily: Object.fromEntries(Object.entries(summary.daily).map(([metric, { mean, quantiles }]) => [metric, [numbers(mean), ...quantiles.map(numbers)]])),
    horizon: { ...summary.horizon, byReplication: numbers(summary.horizon.byReplication) },
  }, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

describe("a networked node's figures in today's shape", () => {
  it('are, to the bit, the summary of each replication\'s rows made from its record', () => {
    const task = exampleTask(REPLICATIONS);
    const network = compileNetwork(task.network);
    const n = network.ids.length;
    const summary = simulateComponent(task);
    const simulator = new NetworkSimulator(network, { monitors: task.monitors ?? true });
    const accumulators = task.nodeKeys.map((key) => new ScenarioAccumulator(key, network.days, REPLICATIONS));
    const seen = { visit: false, upstream: false, waited: false, costed: false };
    for (let r = 0; r < REPLICATIONS; r++) {
      const record = simulator.simulate(task.seed, r);
      for (let i = 0; i < n; i++) {
        const rows = rowsOf(network, record, i, task.costs[network.ids[i]] ?? {});
        accumulators[i].addReplication(r, rows.values, rows.horizon);
        seen.visit ||= network.visits[i] !== undefined && record.visitsRow(i).some((v) => v > 0);
        seen.upstream ||= record.nodeRow(record.blockedUpstream, i).some((v) => v > 0);
        seen.waited ||= record.nodeRow(record.waits, i).some((v) => v > 0);
        seen.costed ||= rows.row(Metric.cost).some((v) => v > 0);
      }
    }
    // The example exercises every derived row: visit caseloads, patients blocked upstream, waits and costs.
    expect(seen).toEqual({ visit: true, upstream: true, waited: true, costed: true });
    summary.nodes.forEach((node, i) => {
      expect(bits(node.scenario), network.ids[i]).toBe(bits(accumulators[i].finish()));
    });
  }, TIMEOUT_MS);
});
