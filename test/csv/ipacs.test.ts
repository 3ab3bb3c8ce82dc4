import { beforeAll, describe, expect, it } from 'vitest';
import { ipacsOutputFiles } from '../../src/csv/ipacs.js';
import { formatR, roundHalfEven } from '../../src/csv/rFormat.js';
import { METRICS, type Metric } from '../../src/engine/dailyRecord.js';
import type { ModelSpec, NodeSpec } from '../../src/engine/model.js';
import { runModel, type RunResult } from '../../src/engine/run.js';
import { allScenarios } from '../../src/engine/scenarios.js';
import { QUANTILE_LEVELS, type DailySummary, type HorizonSummary, type ScenarioSummary } from '../../src/engine/summary.js';
import { HAVE_REFERENCE, MISSING_REFERENCE, REFERENCE_FILES, REFERENCE_SETS, readReference, sampleModel, splitLine, unquote } from './ipacsReference.js';

const DAYS = 6;
const DATES = Array.from({ length: DAYS }, (_, i) => `2025-03-${String(i + 1).padStart(2, '0')}`);

function node(id: string, options: Partial<NodeSpec> & Pick<NodeSpec, 'arrivals' | 'capacity'>): NodeSpec {
  return {
    id,
    pathway: id.slice(0, 2) as NodeSpec['pathway'],
    locality: id.slice(3),
    los: [{ name: 'Blos', family: 'lnorm', mean: 3, median: 2.5 }],
    initial: { occupied: 2, waiting: 3 },
    costs: { community: 100, acuteDelay: 300 },
    ...options,
  };
}

const constant = (rate: number) => DATES.map(() => rate);

/** Listed out of name order on purpose: the files sort nodes by name. */
function syntheticModel(): ModelSpec {
  return {
    name: 'syn',
    dates: DATES,
    nodes: [
      node('P3_Z', { arrivals: [{ name: 'BArr', daily: constant(2) }], capacity: [{ name: 'BCap', capacity: 3 }], costs: { community: 164, acuteDelay: 290 } }),
      node('P2_A', {
        arrivals: [
          { name: 'BArr', daily: constant(3) },
          { name: 'S1Arr', daily: constant(4.5) },
        ],
        capacity: [
          { name: 'BCap', capacity: 4 },
          { name: 'S1Cap', capacity: 2000 },
        ],
        costs: { community: 150, acuteDelay: 346 },
      }),
      node('P1_M', {
        arrivals: [{ name: 'BArr', daily: constant(5) }],
        capacity: [{ name: 'BCap', capacity: 40 }],
        los: [{ name: 'Blos', family: 'lnorm', mean: 4, median: 3, initialVisitRate: 4, finalVisitRate: 1 }],
        costs: { community: 125, acuteDelay: 346 },
      }),
    ],
  };
}

const BED_IDS = ['P2_A_BCap_Blos_BArr', 'P2_A_S1Cap_Blos_BArr', 'P2_A_BCap_Blos_S1Arr', 'P2_A_S1Cap_Blos_S1Arr', 'P3_Z_BCap_Blos_BArr'];
const VISIT_IDS = ['P1_M_BCap_Blos_BArr'];

/** The file's lines, checking LF endings and the single final newline on the way. */
function linesOf(content: string): string[] {
  expect(content).not.toContain('\r');
  expect(content.endsWith('\n')).toBe(true);
  expect(content.endsWith('\n\n')).toBe(false);
  return content.slice(0, -1).split('\n');
}

function filesOf(model: ModelSpec, result: RunResult): Map<string, string[]> {
  return new Map(ipacsOutputFiles(model, result).map(([name, content]) => [name, linesOf(content)]));
}

function quantile(summary: DailySummary, level: number, day: number): number {
  return summary.quantiles[QUANTILE_LEVELS.indexOf(level as (typeof QUANTILE_LEVELS)[number])][day];
}

/** R's statistic columns: q05 q5(median) q95 mean q10 q25 q75 q90 q025 q975. */
function statistics(summary: DailySummary, day: number): string[] {
  return [
    quantile(summary, 0.05, day),
    quantile(summary, 0.5, day),
    quantile(summary, 0.95, day),
    summary.mean[day],
    quantile(summary, 0.1, day),
    quantile(summary, 0.25, day),
    quantile(summary, 0.75, day),
    quantile(summary, 0.9, day),
    quantile(summary, 0.025, day),
    quantile(summary, 0.975, day),
  ].map(formatR);
}

/** A result with chosen values: the daily mean from `mean`, quantile at level p = 1000 p + 10 day + metric index. */
function fakeResult(model: ModelSpec, mean: (id: string, metric: Metric, day: number) => number): RunResult {
  const scenarios: ScenarioSummary[] = allScenarios(model).map((key) => {
    const daily = Object.fromEntries(
      METRICS.map((metric, m) => [
        metric,
        {
          mean: Float64Array.from(model.dates, (_, d) => mean(key.id, metric, d)),
          quantiles: QUANTILE_LEVELS.map((p) => Float64Array.from(model.dates, (_, d) => 1000 * p + 10 * d + m)),
        },
      ]),
    ) as Record<Metric, DailySummary>;
    return { key, daily, horizon: {} as HorizonSummary };
  });
  return { name: model.name, dates: model.dates, replications: 3, seed: 1, compat: 'none', initialResidual: 'ipacs', scenarios };
}

describe('ipacsOutputFiles on a real run of a small model (3 replications)', () => {
  const model = syntheticModel();
  let files: Map<string, string[]>;
  let byId: Map<string, ScenarioSummary>;
  beforeAll(async () => {
    const result = await runModel(model, { replications: 3, seed: 7 });
    files = filesOf(model, result);
    byId = new Map(result.scenarios.map((s) => [s.key.id, s]));
  });

  it('writes the four files, named after the model, in this order', () => {
    expect([...files.keys()]).toEqual(['bed_output_using_syn.csv', 'visit_output_using_syn.csv', 'stochastic_bed_output_using_syn.csv', 'stochastic_visit_output_using_syn.csv']);
  });

  it('bed_output: quoted header, "date" then occ, niq, wait, cost blocks; one row per day', () => {
    const lines = files.get('bed_output_using_syn.csv')!;
    const header = ['date', ...['occ', 'niq', 'wait', 'cost'].flatMap((metric) => BED_IDS.map((id) => `${id}__${metric}`))];
    expect(lines[0]).toBe(header.map((name) => `"${name}"`).join(','));
    expect(lines).toHaveLength(1 + DAYS);
    lines.slice(1).forEach((line, d) => {
      const fields = splitLine(line);
      expect(fields).toHaveLength(1 + 4 * BED_IDS.length);
      expect(fields[0]).toBe(DATES[d]);
      (['occ', 'niq', 'wait', 'cost'] as const).forEach((metric, block) => {
        BED_IDS.forEach((id, i) => {
          const field = fields[1 + block * BED_IDS.length + i];
          expect(field).toMatch(/^\d+$/);
          expect(field).toBe(formatR(roundHalfEven(byId.get(id)!.daily[metric].mean[d])));
        });
      });
    });
  });

  it("bed cost: each node's own costs applied to the unrounded means", () => {
    for (const id of BED_IDS) {
      const scenario = byId.get(id)!;
      const costs = model.nodes.find((n) => n.id === scenario.key.node)!.costs;
      for (let d = 0; d < DAYS; d++) {
        const { occ, niq, cost } = scenario.daily;
        expect(cost.mean[d]).toBeCloseTo(occ.mean[d] * costs.community + niq.mean[d] * costs.acuteDelay, 6);
      }
    }
  });

  it('visit_output: niq, occ, wait, cost blocks, means not rounded', () => {
    const lines = files.get('visit_output_using_syn.csv')!;
    const header = ['date', ...['niq', 'occ', 'wait', 'cost'].flatMap((metric) => VISIT_IDS.map((id) => `${id}__${metric}`))];
    expect(lines[0]).toBe(header.map((name) => `"${name}"`).join(','));
    expect(lines).toHaveLength(1 + DAYS);
    const scenario = byId.get(VISIT_IDS[0])!;
    const rows = lines.slice(1).map(splitLine);
    rows.forEach((fields, d) => {
      expect(fields[0]).toBe(DATES[d]);
      expect(fields.slice(1)).toEqual((['niq', 'occ', 'wait', 'cost'] as const).map((metric) => formatR(scenario.daily[metric].mean[d])));
    });
    expect(rows.some((fields) => fields.slice(1).some((field) => field.includes('.')))).toBe(true);
  });

  it('stochastic_bed_output: per scenario time 0..H, niq then occ; time t = day t + 1, time H repeats day H', () => {
    const lines = files.get('stochastic_bed_output_using_syn.csv')!;
    expect(lines[0]).toBe('"node","time","measure","q05","q5","q95","mean","q10","q25","q75","q90","q025","q975","capacity","node_name"');
    expect(lines).toHaveLength(1 + BED_IDS.length * (DAYS + 1) * 2);
    let row = 1;
    BED_IDS.forEach((id, position) => {
      const scenario = byId.get(id)!;
      for (let time = 0; time <= DAYS; time++) {
        for (const measure of ['niq', 'occ'] as const) {
          const day = Math.min(time, DAYS - 1);
          const expected = [String(position + 1), String(time), `"${measure}"`, ...statistics(scenario.daily[measure], day), formatR(scenario.key.capacity), `"${id}"`];
          expect(splitLine(lines[row])).toEqual(expected);
          row++;
        }
      }
    });
    // The repeated last time: rows for time H equal those for H - 1 but for the time itself.
    const at = (position: number, time: number, m: number) => splitLine(lines[1 + position * (DAYS + 1) * 2 + time * 2 + m]);
    for (let p = 0; p < BED_IDS.length; p++) {
      for (const m of [0, 1]) expect([...at(p, DAYS, m).slice(0, 1), ...at(p, DAYS, m).slice(2)]).toEqual([...at(p, DAYS - 1, m).slice(0, 1), ...at(p, DAYS - 1, m).slice(2)]);
    }
    expect(lines[1 + 1 * (DAYS + 1) * 2].endsWith(',2000,"P2_A_S1Cap_Blos_BArr"')).toBe(true);
  });

  it('stochastic_visit_output: per scenario niq, occ, waits blocks of days 1..H with the date', () => {
    const lines = files.get('stochastic_visit_output_using_syn.csv')!;
    expect(lines[0]).toBe('"day","node","q05","q5","q95","mean","q10","q25","q75","q90","q025","q975","measure","date"');
    expect(lines).toHaveLength(1 + VISIT_IDS.length * 3 * DAYS);
    const scenario = byId.get(VISIT_IDS[0])!;
    let row = 1;
    for (const [measure, metric] of [
      ['niq', 'niq'],
      ['occ', 'occ'],
      ['waits', 'wait'],
    ] as const) {
      for (let d = 0; d < DAYS; d++) {
        expect(splitLine(lines[row])).toEqual([String(d + 1), `"${VISIT_IDS[0]}"`, ...statistics(scenario.daily[metric], d), `"${measure}"`, DATES[d]]);
        row++;
      }
    }
  });

  it('quotes exactly the header and the character columns', () => {
    const quotedColumns: Record<string, number[]> = {
      'bed_output_using_syn.csv': [],
      'visit_output_using_syn.csv': [],
      'stochastic_bed_output_using_syn.csv': [2, 14],
      'stochastic_visit_output_using_syn.csv': [1, 12],
    };
    for (const [name, lines] of files) {
      expect(splitLine(lines[0]).every((field) => /^"[^"]+"$/.test(field))).toBe(true);
      for (const line of lines.slice(1)) {
        splitLine(line).forEach((field, column) => {
          if (quotedColumns[name].includes(column)) expect(field).toMatch(/^"[^"]+"$/);
          else expect(field).toMatch(/^(-?\d+(\.\d+)?(e[-+]\d\d+)?|\d{4}-\d\d-\d\d|NA)$/);
        });
      }
    }
  });
});

describe('ipacsOutputFiles with chosen values', () => {
  const model = syntheticModel();

  it('maps R quantile columns to levels (q5 is the median) and time t to day t + 1', () => {
    const result = fakeResult(model, (_, metric, d) => 100 + d);
    const lines = filesOf(model, result).get('stochastic_bed_output_using_syn.csv')!;
    // Scenario 1, time 0, niq (metric index 1): quantile p -> 1000 p + 1, mean 100.
    expect(lines[1]).toBe('1,0,"niq",51,501,951,100,101,251,751,901,26,976,4,"P2_A_BCap_Blos_BArr"');
    // Time 3 is day 4 (index 3); occ is metric index 0.
    expect(lines[1 + 3 * 2 + 1]).toBe('1,3,"occ",80,530,980,103,130,280,780,930,55,1005,4,"P2_A_BCap_Blos_BArr"');
    // Time H repeats day H.
    expect(lines[1 + DAYS * 2]).toBe(`1,${DAYS},"niq",101,551,1001,105,151,301,801,951,76,1026,4,"P2_A_BCap_Blos_BArr"`);
  });

  it('bed means round half to even; cost is rounded from its own (unrounded) mean', () => {
    const means: Record<Metric, number> = { occ: 2.5, niq: 3.5, wait: 0.5, cost: 0.8, arrivals: 0, admissions: 0, departures: 0, lost: 0 };
    const result = fakeResult(model, (_, metric) => means[metric]);
    const lines = filesOf(model, result).get('bed_output_using_syn.csv')!;
    const n = BED_IDS.length;
    const fields = splitLine(lines[1]);
    expect(fields.slice(1, 1 + n)).toEqual(Array(n).fill('2'));
    expect(fields.slice(1 + n, 1 + 2 * n)).toEqual(Array(n).fill('4'));
    expect(fields.slice(1 + 2 * n, 1 + 3 * n)).toEqual(Array(n).fill('0'));
    // Not round(occ) * community + round(niq) * acute.
    expect(fields.slice(1 + 3 * n)).toEqual(Array(n).fill('1'));
  });

  it("visit means keep R's 15 significant digits, and large costs print as R would", () => {
    const result = fakeResult(model, (_, metric) => (metric === 'cost' ? 100000 : metric === 'wait' ? 1 / 3 : 2.67377660968459e-5));
    const lines = filesOf(model, result).get('visit_output_using_syn.csv')!;
    expect(lines[1]).toBe(`${DATES[0]},2.67377660968459e-05,2.67377660968459e-05,0.333333333333333,1e+05`);
  });

  it('writes NA for values that are not finite, e.g. an unrestricted (infinite) capacity', () => {
    const m = syntheticModel();
    m.nodes[0].capacity[0].capacity = Infinity;
    const result = fakeResult(m, () => NaN);
    const lines = filesOf(m, result).get('stochastic_bed_output_using_syn.csv')!;
    expect(lines[lines.length - 1]).toMatch(/^5,6,"occ",(?:[^,]+,){3}NA,(?:[^,]+,){6}NA,"P3_Z_BCap_Blos_BArr"$/);
  });

  it('leaves out the visit files without P1 scenarios and the bed files without P2/P3 ones', () => {
    const bedOnly: ModelSpec = { ...model, nodes: model.nodes.filter((n) => n.pathway !== 'P1') };
    expect(ipacsOutputFiles(bedOnly, fakeResult(bedOnly, () => 1)).map(([name]) => name)).toEqual(['bed_output_using_syn.csv', 'stochastic_bed_output_using_syn.csv']);
    const visitOnly: ModelSpec = { ...model, nodes: model.nodes.filter((n) => n.pathway === 'P1') };
    expect(ipacsOutputFiles(visitOnly, fakeResult(visitOnly, () => 1)).map(([name]) => name)).toEqual(['visit_output_using_syn.csv', 'stochastic_visit_output_using_syn.csv']);
    // Decided by the result's scenarios, not the model's nodes.
    const result = fakeResult(model, () => 1);
    result.scenarios = result.scenarios.filter((s) => s.key.pathway === 'P1');
    expect(ipacsOutputFiles(model, result).map(([name]) => name)).toEqual(['visit_output_using_syn.csv', 'stochastic_visit_output_using_syn.csv']);
  });
});

describe.skipIf(!HAVE_REFERENCE)(`ipacsOutputFiles for the sample workbooks against the R model's own files${HAVE_REFERENCE ? '' : ` (${MISSING_REFERENCE})`}`, () => {
  for (const set of REFERENCE_SETS) {
    describe(set.name, () => {
      let files: Map<string, string>;
      beforeAll(async () => {
        const model = sampleModel(set);
        const result = await runModel(model, { replications: 3, seed: 1 });
        files = new Map(ipacsOutputFiles(model, result));
      });

      it('writes the same four file names', () => {
        expect([...files.keys()].sort()).toEqual(REFERENCE_FILES.map((kind) => `${kind}_using_${set.name}.csv`).sort());
      });

      for (const kind of REFERENCE_FILES) {
        it(`${kind}: the same header line byte for byte, the same row count`, () => {
          const ours = files.get(`${kind}_using_${set.name}.csv`)!;
          const theirs = readReference(set, kind);
          expect(ours.slice(0, ours.indexOf('\n') + 1)).toBe(theirs.slice(0, theirs.indexOf('\n') + 1));
          expect(ours.split('\n')).toHaveLength(theirs.split('\n').length);
          expect(ours.endsWith('\n')).toBe(true);
          expect(ours).not.toContain('\r');
        });
      }

      it("every non-statistic column equals R's, row by row", () => {
        const keyColumns: Record<(typeof REFERENCE_FILES)[number], string[]> = {
          bed_output: ['date'],
          visit_output: ['date'],
          stochastic_bed_output: ['node', 'time', 'measure', 'capacity', 'node_name'],
          stochastic_visit_output: ['day', 'node', 'measure', 'date'],
        };
        for (const kind of REFERENCE_FILES) {
          const ours = files.get(`${kind}_using_${set.name}.csv`)!.trimEnd().split('\n');
          const theirs = readReference(set, kind).trimEnd().split('\n');
          const header = splitLine(theirs[0]).map(unquote);
          const columns = keyColumns[kind].map((name) => header.indexOf(name));
          const project = (line: string) => columns.map((c) => splitLine(line)[c]).join(',');
          expect(ours.map(project)).toEqual(theirs.map(project));
        }
      });
    });
  }
});
