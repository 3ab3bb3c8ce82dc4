/**
 * The report's plain-English summary and whole-system section: the figures systemView
 * computes from the run directory, honest words for unclear differences, and --baseline.
 * The CLI cases run the built CLI; run `npm run build` before running this file alone.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { runModel } from '../../src/engine/run.js';
import { systemView } from '../../src/engine/systemView.js';
import { reportBlocks, type Block } from '../../src/report/content.js';
import { formatPounds, formatWhole } from '../../src/report/format.js';
import { reportDataFromRun } from '../../src/report/fromRun.js';
import { BASIS_WORDS, plainSummary } from '../../src/report/plainSummary.js';
import { reportSystemView } from '../../src/report/systemSection.js';
import { readRunDirectory } from '../../src/cli/reportCommand.js';
import { builtCliWorkDirectory, example, pathflow } from '../cliHarness.js';
import { smallModel } from '../workbook/fixtures.js';

type Table = Extract<Block, { kind: 'table' }>;
const systemTable = (blocks: Block[]) => blocks.find((b): b is Table => b.kind === 'table' && b.caption.startsWith('Whole system'));
const paragraphs = (blocks: Block[]) => blocks.filter((b): b is Extract<Block, { kind: 'paragraph' }> => b.kind === 'paragraph').map((b) => b.text);

let work: string;
let runDir: string;
beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-system-report-');
  runDir = join(work, 'run');
  const { status, stderr } = pathflow('run', example, '--runs', '4', '--seed', '3', '--out', runDir, '-q');
  if (status !== 0) throw new Error(stderr);
});

describe('the report\'s system view', () => {
  it('opens with the plain-English summary and a whole-system table of the figures systemView computes from the run directory', async () => {
    const data = await readRunDirectory(runDir);
    const blocks = reportBlocks(data, { generated: new Date('2026-01-01T00:00:00Z') });
    const view = reportSystemView(data)!;
    // The report's view is systemView's over the directory's replications.
    expect(view.baseline).toBe('BCap_Blos_BArr');
    const brief = plainSummary(view, data.model.dates);
    const headings = blocks.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);
    expect(headings.slice(0, 2)).toEqual(['In brief', '1. Summary']);
    expect(paragraphs(blocks)[0]).toBe(brief.baseline);
    expect(brief.baseline).toContain(BASIS_WORDS.occupied);
    const table = systemTable(blocks)!;
    expect(table.caption).toBe('Whole system: totals and difference from BCap_Blos_BArr (occupied cost basis)');
    expect(table.rows.map((r) => r[0].text)).toEqual(view.scenarios.map((s) => s.label));
    view.scenarios.forEach((s, i) => {
      const row = table.rows[i];
      expect(row[2].text).toBe(formatWhole(s.totals.patientsDelayed.mean));
      expect(row[3].text).toBe(formatWhole(s.totals.delayedBedDays.mean));
      expect(row[4].text).toBe(formatPounds(s.totals.totalCost.mean));
      expect(row[4].sub).toBe(`95 % CI ${formatPounds(s.totals.totalCost.low)} to ${formatPounds(s.totals.totalCost.high)}`);
    });
    expect(table.rows[0][1].text).toBe('baseline');
    // Every node of the example has every label, so each other scenario changes all nine.
    expect(table.rows.slice(1).map((r) => r[1].text)).toEqual(view.scenarios.slice(1).map(() => 'all 9'));
    expect(brief.baseline).toMatch(/ from 1 October 2026 to 31 March 2027 /);
    // The basis is stated beside the costs.
    expect(paragraphs(blocks).some((p) => p.includes(`Costs on the occupied basis: ${BASIS_WORDS.occupied}`))).toBe(true);
  });

  it('words a difference whose interval includes zero as unclear, and a clear one with its direction', async () => {
    // S1Cap is given BCap's capacity at P2_A: that label changes nothing there, so every
    // replication's difference is exactly zero: said as no difference, not as an interval from 0 to 0.
    const model: ModelSpec = smallModel(60);
    model.nodes[1].capacity[1].capacity = model.nodes[1].capacity[0].capacity;
    model.nodes[0].capacity[1].capacity = model.nodes[0].capacity[0].capacity;
    model.nodes[2].capacity[1].capacity = model.nodes[2].capacity[0].capacity;
    const result = await runModel(model, { replications: 6, seed: 4 });
    const data = reportDataFromRun(model, result, { pathflow: '0.0.0', seed: 4, runs: 6 });
    const table = systemTable(reportBlocks(data, { generated: new Date(0) }))!;
    const same = table.rows.find((r) => r[0].text === 'S1Cap_Blos_BArr')!;
    expect(same[5].text).toBe('no difference in people delayed');
    expect(same[7].text).toBe('no difference in total cost');
    // Arrivals scenario S1Arr brings more referrals on most days (4, 0, 2.75 against 2-4, 3.5, 1.25 at P1 and P2).
    const direct = systemView(model, result.scenarios).scenarios.find((s) => s.label === 'BCap_Blos_S1Arr')!;
    const busier = table.rows.find((r) => r[0].text === 'BCap_Blos_S1Arr')!;
    const d = direct.difference!.delayedBedDays;
    expect(busier[6].text).toMatch(d.low > 0 ? /^[\d,]+ more \(95 % CI/ : d.high < 0 ? /^[\d,]+ fewer \(95 % CI/ : /^no clear difference/);
  });

  it('compares with the baseline --baseline names, and refuses one the run does not have (exit 2)', () => {
    const chosen = pathflow('report', runDir, '--format', 'html', '--baseline', 'S1Cap_Blos_BArr');
    expect(chosen.status, chosen.stderr).toBe(0);
    const html = readFileSync(join(runDir, 'report.html'), 'utf8');
    expect(html).toContain('Whole system: totals and difference from S1Cap_Blos_BArr (occupied cost basis)');
    expect(html).toContain('Under the baseline, S1Cap_Blos_BArr,');
    const unknown = pathflow('report', runDir, '--format', 'html', '--baseline', 'NoSuchCap_Blos_BArr');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--baseline: no scenario NoSuchCap_Blos_BArr in this run to compare with; its scenarios are BCap_Blos_BArr, /);
  });

  it('still reports a run directory without replications.csv, saying the differences need a re-run', async () => {
    const old = join(work, 'old');
    expect(pathflow('run', example, '--runs', '3', '--out', old, '-q').status).toBe(0);
    rmSync(join(old, 'replications.csv'));
    const data = await readRunDirectory(old);
    expect(data.replications).toBeUndefined();
    const blocks = reportBlocks(data, { generated: new Date(0) });
    expect(systemTable(blocks)).toBeUndefined();
    expect(paragraphs(blocks).some((p) => p.includes('no replications.csv') && p.includes('need the run made again'))).toBe(true);
    const { status, stderr } = pathflow('report', old, '--format', 'html');
    expect(status, stderr).toBe(0);
  });
});
