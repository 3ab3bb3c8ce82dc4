/**
 * A small run with one network component, built by hand: the output writers are tested on
 * figures whose every value is known, without the simulator (the run's wiring is another
 * piece of work, tested on its own).
 *
 * The model: an isolated P1_A, and a component `A` of ACUTE_A (acute) -> P2_A (bed) and
 * ACUTE_A -> HOME_A (exit), P2_A -> HOME_A, in two routing scenarios (BRoute, S1Route), one
 * capacity, LOS and arrival scenario. Every daily figure is `base + day / 10 + quantile / 100`
 * for a base distinct per metric and node, so a misplaced row shows at once.
 */
import { HORIZON_FIELD_COUNT, METRICS } from '../../src/engine/dailyRecord.js';
import type { ModelSpec, NodeSpec } from '../../src/engine/model.js';
import type { ComponentSummary, EdgeFlowSummary, NodeNetworkSummary, PatientSummary, SystemSummary, TimePercentiles } from '../../src/engine/network/componentSummary.js';
import { MONITORED_LEVELS } from '../../src/engine/network/levelMonitor.js';
import { NETWORK_METRICS, type NetworkMetric } from '../../src/engine/network/networkRecord.js';
import type { ScenarioKey } from '../../src/engine/scenarios.js';
import { estimateOf, type Estimate } from '../../src/engine/statistics.js';
import { QUANTILE_LEVELS, type DailySummary, type HorizonSummary, type ScenarioSummary } from '../../src/engine/summary.js';
import type { NetworkRunResult } from '../../src/csv/networkRun.js';
import { flowsCsvPieces, type NetworkFilesComponent } from '../../src/csv/networkFiles.js';

export const FIXTURE_DATES = ['2025-01-01', '2025-01-02', '2025-01-03'];
export const FIXTURE_REPLICATIONS = 4;

/** `base + day / 10 + quantile / 100` (mean: quantile 0). */
export function dailyFixture(base: number, days = FIXTURE_DATES.length): DailySummary {
  const row = (q: number) => Float64Array.from({ length: days }, (_, d) => base + d / 10 + q / 100);
  return { mean: row(0), quantiles: QUANTILE_LEVELS.map((_, q) => row(q + 1)) };
}

/** An interval around `mean` of half-width 1, from four replications `mean - 1.5 ... mean + 1.5`. */
export function estimateFixture(mean: number): Estimate {
  return estimateOf(Float64Array.from([mean - 1.5, mean - 0.5, mean + 0.5, mean + 1.5]));
}

function horizonFixture(base: number): HorizonSummary {
  const byReplication = new Float64Array(FIXTURE_REPLICATIONS * HORIZON_FIELD_COUNT);
  for (let r = 0; r < FIXTURE_REPLICATIONS; r++) for (let f = 0; f < HORIZON_FIELD_COUNT; f++) byReplication[r * HORIZON_FIELD_COUNT + f] = base + f + r;
  const e = (offset: number) => estimateOf(Float64Array.from({ length: FIXTURE_REPLICATIONS }, (_, r) => base + offset + r));
  return {
    replications: FIXTURE_REPLICATIONS,
    meanOccupancy: e(0),
    meanQueue: e(1),
    p95Queue: base + 2,
    peakOccupancy: e(2),
    peakQueue: e(3),
    delayedBedDays: e(4),
    totalCost: e(5),
    meanWait: 0.5,
    shareDelayed: 0.25,
    utilisation: 0.75,
    arrivals: base,
    admissions: base - 1,
    lost: 0,
    waitingAtEnd: 1,
    byReplication,
  };
}

export function scenarioFixture(key: ScenarioKey, base: number): ScenarioSummary {
  const daily = Object.fromEntries(METRICS.map((metric, m) => [metric, dailyFixture(base + m)])) as ScenarioSummary['daily'];
  return { key, daily, horizon: horizonFixture(base) };
}

function node(id: string, pathway: string, kind: NodeSpec['kind'], withScenarios: boolean): NodeSpec {
  const days = FIXTURE_DATES.length;
  return {
    id,
    pathway,
    ...(kind ? { kind } : {}),
    locality: 'A',
    arrivals: withScenarios ? [{ name: 'BArr', daily: Array(days).fill(id === 'P2_A' ? 0 : 5) }] : [],
    capacity: withScenarios ? [{ name: 'BCap', capacity: 10 }] : [],
    los: withScenarios ? [{ name: 'Blos', family: 'lnorm', mean: 10, median: 7 }] : [],
    initial: { occupied: 0, waiting: 0 },
    // An exit is a sink and costs nothing (the model schema says so).
    costs: kind === 'exit' ? { community: 0, acuteDelay: 0 } : { community: 100, acuteDelay: 300 },
  };
}

export function fixtureModel(): ModelSpec {
  const nodes = [node('P1_A', 'P1', undefined, true), node('ACUTE_A', 'Acute', 'acute', true), node('P2_A', 'P2', undefined, true), node('HOME_A', 'Home', 'exit', false)];
  return {
    name: 'fixture',
    dates: FIXTURE_DATES,
    nodes,
    edges: [
      { from: 'ACUTE_A', to: 'P2_A', probability: 0.6, type: 'route' },
      { from: 'ACUTE_A', to: 'HOME_A', probability: 0.4, type: 'route' },
      { from: 'P2_A', to: 'HOME_A', probability: 1, type: 'route' },
      { from: 'ACUTE_A', to: 'P2_A', scenario: 'S1Route', probability: 0.8, type: 'route' },
      { from: 'ACUTE_A', to: 'HOME_A', scenario: 'S1Route', probability: 0.2, type: 'route' },
      { from: 'P2_A', to: 'HOME_A', scenario: 'S1Route', probability: 1, type: 'route' },
    ],
  } as ModelSpec;
}

function keyOf(model: ModelSpec, nodeIndex: number, routing?: string): ScenarioKey {
  const n = model.nodes[nodeIndex];
  const named = n.capacity.length > 0;
  const parts = named ? ['BCap', 'Blos', 'BArr'] : [];
  return {
    id: [n.id, ...parts, ...(routing ? [routing] : [])].join('_'),
    node: n.id,
    pathway: n.pathway,
    locality: n.locality,
    capacityScenario: named ? 'BCap' : '',
    losScenario: named ? 'Blos' : '',
    arrivalScenario: named ? 'BArr' : '',
    nodeIndex,
    capacityIndex: named ? 0 : -1,
    losIndex: named ? 0 : -1,
    arrivalIndex: named ? 0 : -1,
    capacity: named ? 10 : Infinity,
    ...(routing ? { component: 'A', routingScenario: routing } : {}),
  };
}

function networkNode(scenario: ScenarioSummary, base: number): NodeNetworkSummary {
  const daily = {} as Record<NetworkMetric, DailySummary>;
  const horizon = {} as Record<NetworkMetric, Estimate>;
  NETWORK_METRICS.forEach((metric, m) => {
    daily[metric] = dailyFixture(base + 20 * m);
    horizon[metric] = estimateFixture(base + 20 * m + 1);
  });
  return { scenario, daily, horizon };
}

function systemFixture(base: number): SystemSummary {
  const series = (offset: number) => Float64Array.from({ length: FIXTURE_REPLICATIONS }, (_, r) => base + offset + r);
  return {
    replications: FIXTURE_REPLICATIONS,
    totalCost: estimateFixture(base * 1000),
    delayedDischargeBedDays: estimateFixture(base + 50),
    deadlocks: estimateFixture(0),
    forcedAdmissions: estimateFixture(0),
    throughputByExit: { HOME_A: estimateFixture(base + 30), '(implicit exit)': estimateFixture(0) },
    byReplication: { totalCost: series(1000), delayedDischargeBedDays: series(50), deadlocks: new Float64Array(FIXTURE_REPLICATIONS) },
  };
}

/** Edges of the routing scenario, their model indices, and flows `base + edge`. */
function flowsOf(model: ModelSpec, routing: string, base: number): EdgeFlowSummary[] {
  return model
    .edges!.map((edge, index) => ({ edge, index }))
    .filter(({ edge }) => (edge.scenario ?? 'BRoute') === routing)
    .map(({ edge, index }) => ({ edge: index, from: edge.from, to: edge.to, type: edge.type ?? 'route', daily: dailyFixture(base + index), total: estimateFixture(3 * (base + index)) }));
}

/** The run: P1_A's scenario, then the component's nodes (routing scenario innermost), and the two component scenarios. */
export function fixtureRun(): { model: ModelSpec; result: NetworkRunResult } {
  const model = fixtureModel();
  const isolated = scenarioFixture(keyOf(model, 0), 1);
  const routings = ['BRoute', 'S1Route'];
  const components: ComponentSummary[] = routings.map((routing, k) => {
    const base = 100 * (k + 1);
    return {
      key: { id: `A_BCap_Blos_BArr_${routing}`, component: 'A', capacityScenario: 'BCap', losScenario: 'Blos', arrivalScenario: 'BArr', routingScenario: routing },
      nodes: [1, 2, 3].map((i) => networkNode(scenarioFixture(keyOf(model, i, routing), base + 10 * i), base + 10 * i)),
      flows: flowsOf(model, routing, base),
      blockedByCause: [{ at: 'ACUTE_A', waitingFor: 'P2_A', bedDays: estimateFixture(base + 7) }],
      system: systemFixture(base),
      warnings: k === 1 ? ['HOME_A has no capacity scenario BCap: it runs its baseline'] : [],
    };
  });
  // RunResult.scenarios: in model node order, a networked node's scenarios in component scenario order.
  const scenarios = [isolated, ...[0, 1, 2].flatMap((n) => components.map((c) => c.nodes[n].scenario))];
  const result: NetworkRunResult = { name: model.name, dates: FIXTURE_DATES, replications: FIXTURE_REPLICATIONS, seed: 1, compat: 'none', initialResidual: 'ipacs', scenarios, components };
  return { model, result };
}

/** The fixture run with every networked node's percentiles `base + level + share / 10`, and patients' figures. */
export function monitoredRun() {
  const { model, result } = fixtureRun();
  result.components!.forEach((component, k) => {
    component.nodes.forEach((node, i) => {
      const base = 100 * k + 10 * i;
      node.timePercentiles = Object.fromEntries(
        MONITORED_LEVELS.map((level, l) => [level, { p50: estimateFixture(base + l), p90: estimateFixture(base + l + 0.1), p95: estimateFixture(base + l + 0.2) } satisfies TimePercentiles]),
      ) as typeof node.timePercentiles;
    });
    component.patients = {
      left: estimateFixture(500 + k),
      timeInSystem: { mean: estimateFixture(12 + k), p50: estimateFixture(9 + k), p90: estimateFixture(25 + k), p95: estimateFixture(31 + k) },
      nodesVisited: estimateFixture(2.5),
      readmissionsPer100: estimateFixture(8),
      timeInSystemByExit: { HOME_A: estimateFixture(11 + k), '(implicit exit)': estimateFixture(40) },
    } satisfies PatientSummary;
  });
  return { model, result };
}

/** flows.csv as the writer writes it, piece by piece (each piece decoded before the next reuses the scratch). */
export function flowsCsvFromPieces(components: readonly NetworkFilesComponent[], dates: readonly string[]): string {
  const decoder = new TextDecoder();
  let text = '';
  for (const piece of flowsCsvPieces(components, dates)) text += decoder.decode(piece);
  return text;
}
