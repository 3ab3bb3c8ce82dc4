import { describe, expect, it } from 'vitest';
import { priceScenario } from '../../src/engine/costBasis.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { runModel, type RunResult } from '../../src/engine/run.js';
import { formatNumber } from '../../src/csv/format.js';
import { SUMMARY_COLUMNS, SUMMARY_COLUMNS_REQUIRED, summaryCsv } from '../../src/csv/summary.js';
import { parseSummary } from '../../src/report/runData.js';
import { smallModel } from '../workbook/fixtures.js';

/** The small model over 60 days, with P3_A's second capacity unrestricted. */
function model(costBasis?: ModelSpec['costBasis']): ModelSpec {
  const m = smallModel(60);
  m.nodes[2].capacity[1].capacity = Infinity;
  return costBasis === undefined ? m : { ...m, costBasis };
}

async function rowsOf(m: ModelSpec): Promise<{ result: RunResult; rows: Map<string, Record<string, string>> }> {
  const result = await runModel(m, { replications: 6, seed: 19 });
  const [header, ...lines] = summaryCsv(result, m).trimEnd().split('\n');
  const names = header.split(',');
  const rows = new Map(lines.map((line) => {
    const fields = line.split(',');
    return [fields[0], Object.fromEntries(names.map((n, i) => [n, fields[i]]))];
  }));
  return { result, rows };
}

describe('summary.csv costs', () => {
  it('prices total_cost on the model\'s basis, with both bases\' totals beside it, as priceScenario does', async () => {
    for (const basis of ['occupied', 'commissioned'] as const) {
      const m = model(basis);
      const { result, rows } = await rowsOf(m);
      for (const s of result.scenarios) {
        const row = rows.get(s.key.id)!;
        const node = m.nodes[s.key.nodeIndex];
        const on = priceScenario(node, s.key, s.horizon, basis, m.dates.length);
        expect(row.cost_basis, s.key.id).toBe(on.basis);
        expect(Number(row.total_cost), s.key.id).toBeCloseTo(on.total.mean, 3);
        expect(Number(row.total_cost_low95), s.key.id).toBeCloseTo(on.total.low, 3);
        expect(Number(row.acute_cost), s.key.id).toBeCloseTo(on.acute.mean, 3);
        expect(Number(row.community_cost), s.key.id).toBeCloseTo(on.community.mean, 3);
        expect(Number(row.total_cost_commissioned), s.key.id).toBeCloseTo(priceScenario(node, s.key, s.horizon, 'commissioned', m.dates.length).total.mean, 3);
        expect(row.total_cost_occupied, s.key.id).toBe(formatNumber(s.horizon.totalCost.mean));
      }
    }
  });

  it('says occupied for unrestricted capacity under the commissioned basis, which has no commissioned price', async () => {
    const { result, rows } = await rowsOf(model('commissioned'));
    const unrestricted = result.scenarios.filter((s) => s.key.node === 'P3_A' && s.key.capacityScenario === 'S1Cap');
    expect(unrestricted.length).toBeGreaterThan(0);
    for (const s of unrestricted) {
      expect(rows.get(s.key.id)!.cost_basis).toBe('occupied');
      expect(rows.get(s.key.id)!.total_cost_commissioned).toBe(rows.get(s.key.id)!.total_cost_occupied);
    }
    // A restricted node is priced per commissioned bed: dearer than per occupied day, as beds stand empty some days.
    const restricted = rows.get(result.scenarios.find((s) => s.key.node === 'P2_A' && s.key.capacityScenario === 'BCap')!.key.id)!;
    expect(restricted.cost_basis).toBe('commissioned');
    expect(Number(restricted.total_cost)).toBeGreaterThan(Number(restricted.total_cost_occupied));
  });

  it('writes the same total_cost as before bases existed for a model without one', async () => {
    const m = model();
    const { result, rows } = await rowsOf(m);
    for (const s of result.scenarios) {
      expect(rows.get(s.key.id)!.total_cost).toBe(formatNumber(s.horizon.totalCost.mean));
      expect(rows.get(s.key.id)!.cost_basis).toBe('occupied');
    }
  });

  it('reads back with its basis, and an older summary.csv without the basis columns as occupied', async () => {
    const m = model('commissioned');
    const result = await runModel(m, { replications: 3, seed: 2 });
    const text = summaryCsv(result, m);
    const parsed = parseSummary(text);
    expect(parsed.find((r) => r.node === 'P2_A')!.costBasis).toBe('commissioned');
    // The same file with the basis columns cut out, as a run before them wrote it.
    const [header, ...lines] = text.trimEnd().split('\n');
    const keep = header.split(',').map((name, i) => (SUMMARY_COLUMNS_REQUIRED.includes(name) ? i : -1)).filter((i) => i >= 0);
    const older = [header, ...lines].map((line) => keep.map((i) => line.split(',')[i]).join(',')).join('\n') + '\n';
    expect(older.split('\n')[0]).toBe(SUMMARY_COLUMNS_REQUIRED.join(','));
    expect(SUMMARY_COLUMNS.length - SUMMARY_COLUMNS_REQUIRED.length).toBe(5);
    const old = parseSummary(older);
    expect(old.every((r) => r.costBasis === 'occupied')).toBe(true);
    expect(Number.isNaN(old[0].values.acute_cost ?? Number.NaN)).toBe(true);
  });

  it('refuses a cost_basis it does not know, naming the line', () => {
    const m = model('commissioned');
    return runModel(m, { replications: 2, seed: 2 }).then((result) => {
      const text = summaryCsv(result, m).replace(',commissioned,', ',weekly,');
      expect(() => parseSummary(text)).toThrow(/summary\.csv line \d+: column cost_basis: "weekly" is not occupied or commissioned/);
    });
  });
});
