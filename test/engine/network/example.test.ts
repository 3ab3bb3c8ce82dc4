/**
 * The bundled network example, examples/fictional-icb-network.json (scripts/example-network.ts):
 * it is what the script builds, it validates, and simulated by the network simulator it gives
 * the figures a D2A planner would recognise.

 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kindOf, type ModelSpec } from '../../../src/engine/model.js';
import { modelFileText, validateModel } from '../../../src/engine/modelSchema.js';
import { capacityOf, componentScenarios, networkComponents, networkOf, type Component } from '../../../src/engine/network/fromModel.js';
import { compileNetwork, type CompiledNetwork } from '../../../src/engine/network/networkModel.js';
import type { NetworkRecord } from '../../../src/engine/network/networkRecord.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import { systemTotals } from '../../../src/engine/network/systemTotals.js';
import { readIpacsWorkbook } from '../../../src/workbook/read.js';
import { buildNetworkExampleModel, READMISSION_PROBABILITY } from '../../../scripts/example-network.js';
import { meanAndSe, NetworkMetric, total } from './helpers.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const SEED = 20261001;
const REPLICATIONS = 20;

interface Replication {
  record: NetworkRecord;
  /** Per node: patients whose stay there ended before the horizon did (so whose route was taken). */
  finished: number[];
}

interface Simulated {
  network: CompiledNetwork;
  /** Model index of each edge of the network: `record.flow(j)` is the flow along `model.edges[edges[j]]`. */
  edges: number[];
  replications: Replication[];
  delayedBedDays: number[];
}

function simulate(model: ModelSpec, component: Component, scenarioId: string): Simulated {
  const scenario = componentScenarios(model, component).find((s) => s.id === scenarioId)!;
  const { network: spec, costs, edges } = networkOf(model, component, scenario, { initialResidual: 'ipacs' });
  const network = compileNetwork(spec);
  const simulator = new NetworkSimulator(network);
  const replications: Replication[] = [];
  const delayedBedDays: number[] = [];
  for (let r = 0; r < REPLICATIONS; r++) {
    const finished = network.ids.map(() => 0);
    const record = simulator.simulate(SEED, r, {
      admitted: (_origin, _ordinal, node, time, stay) => {
        if (time + stay < network.days) finished[node]++;
      },
    });
    delayedBedDays.push(systemTotals(network, record, costs).delayedDischargeBedDays);
    // The simulator reuses its record: keep a copy of what the checks read.
    const copy = Object.assign(Object.create(Object.getPrototypeOf(record)) as NetworkRecord, record, {
      values: record.values.slice(),
      flows: record.flows.slice(),
      initial: record.initial.slice(),
      stockAtEnd: record.stockAtEnd.slice(),
    });
    replications.push({ record: copy, finished });
  }
  return { network, edges, replications, delayedBedDays };
}

const mean = (values: ArrayLike<number>) => total(values) / values.length;

describe('the bundled network example', () => {
  const model = buildNetworkExampleModel();

  it('is what scripts/example-network.ts builds (regenerate it with npm run make-example)', async () => {
    const text = await readFile(path.join(repoRoot, 'examples/fictional-icb-network.json'), 'utf8');
    expect(text).toBe(modelFileText(model));
  });

  it('validates, and reads back as the model the script built', () => {
    const result = validateModel(JSON.parse(modelFileText(model)));
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (result.ok) expect(result.model).toStrictEqual({ schemaVersion: 2, ...model });
  });

  it('as a workbook (examples/fictional-icb-network.xlsx), reads back as the same model, nodes in the same order', async () => {
    const read = await readIpacsWorkbook(new Uint8Array(await readFile(path.join(repoRoot, 'examples/fictional-icb-network.xlsx'))), { fileName: 'fictional-icb-network.xlsx' });
    expect(read.ok ? [] : read.errors).toEqual([]);
    if (!read.ok) return;
    const { ipacsSheetRows: _rows, ...fromWorkbook } = read.model;
    expect(fromWorkbook).toStrictEqual(model);
  });

  it('is one network per locality, each with every D2A node, four scenarios and no warnings', () => {
    const components = networkComponents(model);
    expect(components.map((c) => c.name)).toEqual(['RV', 'DN', 'CT']);
    for (const component of components) {
      const ids = component.nodes.map((i) => model.nodes[i].id);
      const kinds = component.nodes.map((i) => kindOf(model.nodes[i]));
      expect(ids).toEqual(['Acute', 'P1', 'P2', 'P3', 'DomCare', 'LTC', 'AtHome', 'Home', 'Died'].map((role) => `${role}_${component.name}`));
      expect(kinds).toEqual(['acute', 'visit', 'bed', 'bed', 'visit', 'bed', 'delay', 'exit', 'exit']);
      const scenarios = componentScenarios(model, component);
      expect(scenarios.map((s) => `${s.capacityScenario}_${s.routingScenario}`)).toEqual(['BCap_BRoute', 'BCap_S1Route', 'S1Cap_BRoute', 'S1Cap_S1Route']);
      expect(scenarios.flatMap((s) => s.warnings)).toEqual([]);
    }
  });

  it('routes every patient somewhere in both routing scenarios, with more going home in S1Route', () => {
    const edges = model.edges!;
    const outOf = (from: string, scenario: string) => edges.filter((e) => e.from === from && e.scenario === scenario);
    for (const node of model.nodes.filter((n) => kindOf(n) !== 'exit')) {
      for (const scenario of ['BRoute', 'S1Route']) expect(total(outOf(node.id, scenario).map((e) => e.probability))).toBeCloseTo(1, 12);
    }
    const home = (scenario: string) => edges.find((e) => e.from === 'Acute_RV' && e.to === 'Home_RV' && e.scenario === scenario)!.probability;
    expect(home('S1Route')).toBeGreaterThan(home('BRoute'));
  });

  it('opens winter P2 beds from 1 December to 31 March, and S1Cap adds long-term care places only', () => {
    const p2 = model.nodes.find((n) => n.id === 'P2_RV')!;
    const december = model.dates.indexOf('2026-12-01');
    expect(capacityOf(p2.capacity[0].capacity, p2.capacity[0].calendar, model.dates)).toEqual([
      { from: 0, capacity: 82 },
      { from: december, capacity: 92 },
    ]);
    for (const node of model.nodes.filter((n) => n.capacity.length > 0)) {
      const [base, more] = node.capacity;
      if (node.pathway === 'LTC') expect(more.capacity).toBeGreaterThan(base.capacity);
      else expect(more).toEqual({ ...base, name: 'S1Cap', description: more.description });
    }
  });

  it('over a year (the bench runs it, issue 12 naming 365 days), is the same example with its winter P2 beds closing on 1 April', () => {
    const year = buildNetworkExampleModel(365);
    const result = validateModel(JSON.parse(modelFileText(year)));
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(year.dates).toHaveLength(365);
    expect([year.dates[0], year.dates[181], year.dates[364]]).toEqual(['2026-10-01', '2027-03-31', '2027-09-30']);
    expect(year.edges).toStrictEqual(model.edges);
    for (const [i, node] of year.nodes.entries()) {
      const winter = model.nodes[i];
      expect({ ...node, arrivals: [] }).toStrictEqual({ ...winter, arrivals: [] });
      // The winter's days are the bundled example's, day for day.
      for (const [a, arrival] of node.arrivals.entries()) expect(arrival.daily.slice(0, model.dates.length)).toEqual(winter.arrivals[a].daily);
    }
    const p2 = year.nodes.find((n) => n.id === 'P2_RV')!;
    expect(capacityOf(p2.capacity[0].capacity, p2.capacity[0].calendar, year.dates)).toEqual([
      { from: 0, capacity: 82 },
      { from: year.dates.indexOf('2026-12-01'), capacity: 92 },
      { from: year.dates.indexOf('2027-04-01'), capacity: 82 },
    ]);
  });

  describe('simulated by the network simulator, 20 replications', () => {
    const simulation = model;
    const components = networkComponents(simulation);
    let baseline: Simulated[] = [];
    beforeAll(() => {
      baseline = components.map((component) => simulate(simulation, component, `${component.name}_BCap_Blos_BArr_BRoute`));
    });
    const at = (run: Simulated, role: string) => run.network.ids.findIndex((id) => id.startsWith(`${role}_`));

    it('conserves patients in every replication, in the network and at every node', () => {
      for (const run of baseline) {
        for (const { record } of run.replications) {
          expect(record.externalArrivals + record.initialTotal).toBe(record.exits + record.inSystemAtEnd + record.lost);
          run.network.ids.forEach((_, node) => {
            const arrived = total(record.row(node, NetworkMetric.arrivals_external)) + total(record.row(node, NetworkMetric.arrivals_internal));
            const left = total(record.row(node, NetworkMetric.departures)) + total(record.row(node, NetworkMetric.lost));
            expect(record.initial[node] + arrived).toBe(left + record.stockAtEnd[node]);
          });
        }
      }
    });

    // Ranges of means over 20 replications. The across-replication standard errors of these
    // means are below 0.01 for utilisation and below 1 patient for the delays (seen: P2 0.84 to
    // 0.90, P3 0.93 to 0.95, acute delays 8 to 15 patients a day), so each range has a margin
    // of many standard errors and fails only if the example or the simulator changes.
    it('keeps P2 and P3 beds busy but not overfull: beds held 80 to 100 % of beds over the winter', () => {
      for (const run of baseline) {
        for (const role of ['P2', 'P3']) {
          const node = at(run, role);
          const utilisation = mean(run.replications.map(({ record }) => total(record.row(node, NetworkMetric.occ_bed)) / total(record.row(node, NetworkMetric.capacity))));
          // Sized at about 90 % of the load offered, then held longer by patients waiting for P1 and LTC.
          expect(utilisation, `${run.network.ids[node]}`).toBeGreaterThan(0.8);
          expect(utilisation, `${run.network.ids[node]}`).toBeLessThan(1);
        }
      }
    });

    it('has delayed discharges in acute: between 1 patient a day and 10 % of acute beds', () => {
      for (const run of baseline) {
        const acute = at(run, 'Acute');
        const delayed = mean(run.replications.map(({ record }) => mean(record.row(acute, NetworkMetric.blocked))));
        // P3 waits for a full LTC and P1 for domiciliary care, so some medically fit patients
        // wait in acute beds; England's delayed patients are about a tenth of its acute beds at most.
        expect(delayed).toBeGreaterThan(1);
        expect(delayed).toBeLessThan(0.1 * run.network.schedules[acute].capacityAt(0));
        // The system total counts the same patients: their bed-days over the horizon.
        expect(mean(run.delayedBedDays)).toBeCloseTo(delayed * run.network.days, 6);
      }
    });

    it('keeps long-term care full most of the time: within one place of capacity on at least half the days', () => {
      for (const run of baseline) {
        const ltc = at(run, 'LTC');
        const fullShare = mean(
          run.replications.map(({ record }) => {
            const held = record.row(ltc, NetworkMetric.occ_bed);
            const capacity = record.row(ltc, NetworkMetric.capacity);
            return held.filter((beds, day) => beds >= capacity[day] - 1).length / held.length;
          }),
        );
        // Places are commissioned a little short of the flow from P2 and P3 (seen: 78 to 93 % of days full).
        expect(fullShare).toBeGreaterThan(0.5);
      }
    });

    it('readmits from each D2A node about 8 % of the patients who finished there (4 standard errors)', () => {
      for (const run of baseline) {
        const atHome = at(run, 'AtHome');
        for (const role of ['P1', 'P2', 'P3', 'DomCare']) {
          const from = at(run, role);
          const edge = run.edges.findIndex((e) => simulation.edges![e].from === run.network.ids[from] && simulation.edges![e].to === run.network.ids[atHome])!;
          // Routes are drawn on entry, independently of the stay, and home (the delay node) is
          // never full: of F patients whose stay ended, the readmission flow is Binomial(F, p),
          // so flow - p F has mean 0 in every replication.
          const excess = run.replications.map(({ record, finished }) => total(record.flow(edge)) - READMISSION_PROBABILITY * finished[from]);
          const { mean: bias, se } = meanAndSe(excess);
          expect(Math.abs(bias), `${run.network.ids[from]}: ${bias} ± ${se}`).toBeLessThan(4 * se);
        }
        // Every readmission arrives back at acute through the time at home.
        const acute = at(run, 'Acute');
        const back = run.edges.findIndex((e) => simulation.edges![e].from === run.network.ids[atHome])!;
        for (const { record } of run.replications) expect(total(record.row(acute, NetworkMetric.arrivals_internal))).toBe(total(record.flow(back)));
      }
    });

    it('with more long-term care places (S1Cap), fewer delayed discharges, paired over the same patients', () => {
      const [riverside] = components;
      const more = simulate(simulation, riverside, 'RV_S1Cap_Blos_BArr_BRoute');
      const difference = meanAndSe(more.delayedBedDays.map((days, r) => days - baseline[0].delayedBedDays[r]));
      // Common random numbers: the same patients with the same routes and stays, so the
      // paired difference is precise; 4 of its standard errors below zero.
      expect(difference.mean + 4 * difference.se).toBeLessThan(0);
    });
  });
});
