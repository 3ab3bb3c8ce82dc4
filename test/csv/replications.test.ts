import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HORIZON_FIELD_COUNT, HORIZON_FIELDS } from '../../src/engine/dailyRecord.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { runModel } from '../../src/engine/run.js';
import { systemView } from '../../src/engine/systemView.js';
import { REPLICATIONS_COLUMNS, replicationRows, replicationRowsBytes, replicationsCsv } from '../../src/csv/replications.js';
import { summaryCsv } from '../../src/csv/summary.js';
import { parseReplications, parseSummary } from '../../src/report/runData.js';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { sampleMissing, samplePath, sampleSuiteTitle, smallModel } from '../workbook/fixtures.js';

const RUNS = 5;

async function smallRun(): Promise<{ model: ModelSpec; text: string; result: Awaited<ReturnType<typeof runModel>> }> {
  const model = { ...smallModel(40), costBasis: 'commissioned' as const };
  const result = await runModel(model, { replications: RUNS, seed: 23 });
  return { model, text: replicationsCsv(result), result };
}

describe('replications.csv', () => {
  it('has the same rows as bytes (the writer thread) as as text, odd figures and quoted names included', async () => {
    const { result } = await smallRun();
    const [first] = result.scenarios;
    const odd = Float64Array.from(first.horizon.byReplication, (v, i) => [v, -v, 0.5, -0, 1e-5, 123456.78915, 2 ** 40 + 0.25, NaN, Infinity, 1 / 3][i % 10]);
    const summaries = [...result.scenarios, { ...first, key: { ...first.key, id: '=a,"b" é' }, horizon: { ...first.horizon, byReplication: odd } }];
    for (const summary of summaries) expect(new TextDecoder().decode(replicationRowsBytes(summary))).toBe(replicationRows(summary));
  });

  it('holds every replication of every scenario, and reads back to the figures within the 4 decimals written', async () => {
    const { model, text, result } = await smallRun();
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(REPLICATIONS_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + result.scenarios.length * RUNS);
    const read = parseReplications(text, parseSummary(summaryCsv(result, model)), RUNS);
    for (const s of result.scenarios) {
      const back = read.get(s.key.id)!;
      expect(back).toHaveLength(RUNS * HORIZON_FIELD_COUNT);
      back.forEach((v, i) => expect(Math.abs(v - s.horizon.byReplication[i]), `${s.key.id} ${HORIZON_FIELDS[i % HORIZON_FIELD_COUNT]}`).toBeLessThanOrEqual(0.00005));
    }
  });

  it('gives the system view of the run it came from', async () => {
    const { model, text, result } = await smallRun();
    const read = parseReplications(text, parseSummary(summaryCsv(result, model)), RUNS);
    const rebuilt = result.scenarios.map((s) => ({ ...s, horizon: { ...s.horizon, byReplication: read.get(s.key.id)! } }));
    const direct = systemView(model, result.scenarios);
    const fromFile = systemView(model, rebuilt);
    expect(fromFile.scenarios.map((s) => s.label)).toEqual(direct.scenarios.map((s) => s.label));
    fromFile.scenarios.forEach((s, i) => {
      const d = direct.scenarios[i];
      // Each replication's figures are rounded to 4 decimals, so a total over 3 nodes moves by at most 3 × 0.00005 × acute_dtoc.
      expect(s.totals.totalCost.mean).toBeCloseTo(d.totals.totalCost.mean, 1);
      expect(s.totals.patientsDelayed.mean).toBe(d.totals.patientsDelayed.mean);
      if (d.difference) expect(s.difference!.totalCost.high).toBeCloseTo(d.difference.totalCost.high, 1);
    });
  });

  it('refuses a file with a replication missing or twice, naming the line or scenario', async () => {
    const { model, text, result } = await smallRun();
    const summary = parseSummary(summaryCsv(result, model));
    const lines = text.split('\n');
    const missing = [...lines.slice(0, 2), ...lines.slice(3)].join('\n');
    expect(() => parseReplications(missing, summary, RUNS)).toThrow(/replications\.csv: scenario P1_A_BCap_Blos_BArr has 4 of its 5 replications: the file is incomplete/);
    const twice = [lines[0], lines[1], lines[1], ...lines.slice(3)].join('\n');
    expect(() => parseReplications(twice, summary, RUNS)).toThrow(/replications\.csv line 3: scenario P1_A_BCap_Blos_BArr has replication 1 twice/);
    expect(() => parseReplications(text.slice(0, -3), summary, RUNS)).toThrow(/cut short/);
  });
});

describe.skipIf(sampleMissing)(sampleSuiteTitle('replications.csv on the IPACS sample'), () => {
  it('stays under 100 bytes a row: 1,000 replications of its 108 scenarios are under 11 MB', async () => {
    const read = await readIpacsWorkbook(readFileSync(samplePath), { fileName: 'IPACS_params.xlsx' });
    if (!read.ok) throw new Error('the sample does not read');
    const runs = 20;
    const result = await runModel(read.model, { replications: runs, seed: 1 });
    const bytes = new TextEncoder().encode(replicationsCsv(result)).length;
    // 88 bytes a row as measured; the bound leaves room for larger counts, not for a wasteful format.
    expect(result.scenarios).toHaveLength(108);
    expect(bytes).toBeLessThan(100 * result.scenarios.length * runs);
  }, 300_000);
});
