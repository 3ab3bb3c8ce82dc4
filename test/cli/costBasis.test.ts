/**
 * One cost basis for `run`, `optimise` and `report`: the workbook's settings sheet chooses it,
 * and every command prices on it without being told. The built CLI in a child process; run
 * `npm run build` before running this file alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { priceScenario } from '../../src/engine/costBasis.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { runModel } from '../../src/engine/run.js';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { writeIpacsWorkbook } from '../../src/workbook/write.js';
import { builtCliWorkDirectory, example, pathflow } from '../cliHarness.js';

let work: string;
let exampleModel: ModelSpec;
/** The example with a settings sheet saying `cost_basis` = commissioned. */
let commissionedWorkbook: string;

beforeAll(async () => {
  work = builtCliWorkDirectory('pathflow-basis-');
  const read = await readIpacsWorkbook(new Uint8Array(readFileSync(example)), { fileName: 'fictional-icb.xlsx' });
  if (!read.ok) throw new Error('the example does not read');
  exampleModel = read.model;
  commissionedWorkbook = join(work, 'commissioned.xlsx');
  writeFileSync(commissionedWorkbook, await writeIpacsWorkbook({ ...read.model, costBasis: 'commissioned' }));
});

function summaryRows(dir: string): Map<string, Record<string, string>> {
  const [head, ...lines] = readFileSync(join(dir, 'summary.csv'), 'utf8').trimEnd().split('\n');
  const header = head.split(',');
  return new Map(lines.map((line) => {
    const fields = line.split(',');
    return [fields[0], Object.fromEntries(header.map((name, i) => [name, fields[i]]))];
  }));
}

describe('the cost basis across commands', () => {
  it('prices summary.csv on the workbook\'s basis: the same capacity costs what priceScenario says, on both bases', async () => {
    for (const [workbook, basis] of [[example, 'occupied'], [commissionedWorkbook, 'commissioned']] as const) {
      const out = join(work, `run-${basis}`);
      const { status, stderr } = pathflow('run', workbook, '--runs', '4', '--seed', '5', '--out', out, '-q');
      expect(status, stderr).toBe(0);
      const model = { ...exampleModel, ...(basis === 'commissioned' ? { costBasis: basis } : {}) };
      const result = await runModel(model, { replications: 4, seed: 5 });
      const rows = summaryRows(out);
      for (const s of result.scenarios) {
        const node = model.nodes[s.key.nodeIndex];
        const row = rows.get(s.key.id)!;
        expect(row.cost_basis).toBe(priceScenario(node, s.key, s.horizon, basis, model.dates.length).basis);
        expect(Number(row.total_cost), s.key.id).toBeCloseTo(priceScenario(node, s.key, s.horizon, basis, model.dates.length).total.mean, 3);
        for (const other of ['occupied', 'commissioned'] as const) {
          expect(Number(row[`total_cost_${other}`]), `${s.key.id} ${other}`).toBeCloseTo(priceScenario(node, s.key, s.horizon, other, model.dates.length).total.mean, 3);
        }
      }
    }
  });

  it('optimises on the workbook\'s basis when --cost-basis is not given, and on the flag\'s when it is', () => {
    const cases = [
      [commissionedWorkbook, [], 'commissioned'],
      [example, [], 'occupied'],
      [commissionedWorkbook, ['--cost-basis', 'occupied'], 'occupied'],
    ] as const;
    cases.forEach(([workbook, flag, basis], i) => {
      const out = join(work, `optimise-${i}`);
      const { status, stdout, stderr } = pathflow('optimise', workbook, '--nodes', 'P2_RV', '--runs', '6', '--seed', '2', ...flag, '--out', out);
      expect(status, stderr).toBe(0);
      expect(stdout).toContain(`(${basis} cost basis, 6 replications`);
      expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).costBasis).toBe(basis);
      expect(readFileSync(join(out, 'optimal.csv'), 'utf8').split('\n')[1]).toContain(`,${basis},`);
    });
  });
});
