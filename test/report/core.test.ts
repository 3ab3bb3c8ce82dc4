/**
 * The pure report core: run-directory parsing names the file and line of a problem; charts
 * are greyscale-safe; numbers are formatted for UK readers; the best scenario is marked.
 */
import { GLOSSARY } from '../../src/report/glossary.js';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { runModel } from '../../src/engine/run.js';
import { reportDataFromRun } from '../../src/report/fromRun.js';
import { BEST_MARK, reportBlocks } from '../../src/report/content.js';
import { reportHtml } from '../../src/report/html.js';
import { formatOne, formatPounds, formatTick, formatWhole } from '../../src/report/format.js';
import { parseManifest, parseSummary, RunDataError, splitCsvLine, type RunManifest } from '../../src/report/runData.js';
import { lineChartSvg, lineStyle, niceTicks } from '../../src/report/svgChart.js';
import { SUMMARY_COLUMNS } from '../../src/csv/summary.js';

const example = resolve(import.meta.dirname, '../../examples/fictional-icb.xlsx');

describe('the report core', () => {
  it('formats numbers for UK readers', () => {
    expect(formatWhole(1234567.4)).toBe('1,234,567');
    expect(formatPounds(2345678.9)).toBe('£2,345,679');
    expect(formatOne(1234.56)).toBe('1,234.6');
    expect(formatOne(Number.NaN)).toBe('–');
    expect(formatTick(2.5, 2.5)).toBe('2.5');
    expect(formatTick(10, 2.5)).toBe('10.0');
  });

  it('gives series distinct dash patterns and markers, not only colours', () => {
    const styles = Array.from({ length: 12 }, (_, i) => lineStyle(i));
    expect(new Set(styles.map((s) => `${s.dash}|${s.marker}|${s.open}`)).size).toBe(12);
    expect(new Set(styles.slice(0, 6).map((s) => s.dash)).size).toBe(6);
    const { ticks } = niceTicks(0, 37);
    expect(ticks[0]).toBe(0);
    expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(37);
    const svg = lineChartSvg({ width: 300, height: 200, title: 'T & t', yLabel: 'patients', dates: ['2023-01-01', '2023-01-02', '2023-01-03'], series: [{ label: 'A', values: [1, Number.NaN, 3], style: lineStyle(1) }], legend: true });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="300" height="200"/);
    expect(svg).toContain('stroke-dasharray="7 3"');
    expect(svg).toContain('T &amp; t');
  });

  it('names the file and line of a problem', () => {
    const header = SUMMARY_COLUMNS.join(',');
    const row = (value: string) => ['P2_A_BCap_Blos_BArr', 'P2_A', 'P2', 'A', 'BCap', 'Blos', 'BArr', ...SUMMARY_COLUMNS.slice(7).map((name) => (name === 'cost_basis' ? 'occupied' : value))].join(',');
    expect(parseSummary(`${header}\n${row('1')}\n`)[0].label).toBe('BCap_Blos_BArr');
    expect(() => parseSummary(`${header}\n${row('1')}\n${row('x')}\n`)).toThrow(/summary\.csv line 3: column capacity: "x" is not a number/);
    expect(() => parseSummary(`${header}\n${row('1')}`)).toThrow(/summary\.csv line 2: the last line has no line break/);
    expect(() => parseSummary('a,b\n1,2\n')).toThrow(RunDataError);
    expect(() => parseManifest('{"pathflow":"1","seed":1}')).toThrow(/manifest\.json: field "runs"/);
    expect(splitCsvLine('a,"b,""c""",d')).toEqual(['a', 'b,"c"', 'd']);
  });

  it('builds the report from an in-memory run, marking the best scenario per measure', async () => {
    const read = await readIpacsWorkbook(readFileSync(example), { fileName: 'fictional-icb.xlsx' });
    if (!read.ok) throw new Error('the example does not read');
    const result = await runModel(read.model, { replications: 3, seed: 1 });
    const data = reportDataFromRun(read.model, result, { pathflow: '0.0.0', seed: 1, runs: 3 });
    const blocks = reportBlocks(data, { generated: new Date('2024-01-02T03:04:05Z') });
    // An in-memory run has its replications: the whole system replaces node totals of each label.
    const system = blocks.find((b) => b.kind === 'table' && b.caption.startsWith('Whole system'));
    expect(system?.kind === 'table' && system.rows.map((r) => r[1].text)[0]).toBe('baseline');
    expect(blocks.some((b) => b.kind === 'table' && b.caption.startsWith('All nodes'))).toBe(false);
    // Per node, stars go to delays and cost, never to the lowest peak occupancy.
    const nodeTables = blocks.filter((b) => b.kind === 'table' && read.model.nodes.some((n) => b.caption.startsWith(`${n.id}:`)));
    expect(nodeTables).toHaveLength(read.model.nodes.length);
    for (const table of nodeTables) {
      if (table.kind !== 'table') continue;
      const peak = table.columns.findIndex((c) => c.label === 'Peak occupancy');
      expect(peak).toBeGreaterThan(0);
      expect(table.rows.some((r) => r[peak].best || r[peak].text.endsWith(BEST_MARK))).toBe(false);
      expect(table.rows.some((r) => r.some((c) => c.best))).toBe(true);
    }
    // The paper ends with the same definitions as the app's Help, every one of them.
    const glossary = blocks.find((b) => b.kind === 'table' && b.caption === 'What each term in this report means');
    expect(glossary?.kind === 'table' && glossary.rows.map((r) => r[0].text)).toEqual(GLOSSARY.map((e) => e.term));
    const html = reportHtml(data, { generated: new Date('2024-01-02T03:04:05Z') });
    expect(html).toContain('2 January 2024, 03:04 UTC');
    for (const node of read.model.nodes) expect(html).toContain(node.id);
  });

  it('names what the run read: a workbook, a model file or PathSimR\'s two templates', async () => {
    const read = await readIpacsWorkbook(readFileSync(example), { fileName: 'fictional-icb.xlsx' });
    if (!read.ok) throw new Error('the example does not read');
    const result = await runModel(read.model, { replications: 2, seed: 1 });
    const titleAndData = (manifest: RunManifest) => {
      const blocks = reportBlocks(reportDataFromRun(read.model, result, manifest), { generated: new Date('2024-01-02T03:04:05Z') });
      const title = blocks.find((b) => b.kind === 'title');
      const text = JSON.stringify(blocks);
      return { facts: title?.kind === 'title' ? title.facts : [], text };
    };
    const base = { pathflow: '0.0.0', seed: 1, runs: 2 };
    const workbook = titleAndData({ ...base, input: { file: 'fictional-icb.xlsx' } });
    expect(workbook.facts[0]).toEqual(['Workbook', 'fictional-icb.xlsx']);
    expect(workbook.text).toContain('The inputs are the IPACS parameter workbook \\"fictional-icb.xlsx\\", as read by Pathflow');
    const modelFile = titleAndData({ ...base, input: { file: 'model.json' } });
    expect(modelFile.facts[0]).toEqual(['Model file', 'model.json']);
    expect(modelFile.text).not.toContain('parameter workbook');
    const pair = titleAndData({ ...base, input: { file: 'network.csv' }, imported: { from: 'pathsimr', calendar: { file: 'calendar.csv' }, unit: 'hours' } });
    expect(pair.facts[0]).toEqual(['PathSimR templates', 'network.csv and calendar.csv']);
    expect(pair.text).toContain('PathSimR\'s network and calendar templates \\"network.csv\\" and \\"calendar.csv\\"');
    expect(pair.text).not.toContain('parameter workbook');
    const inMemory = titleAndData(base);
    expect(inMemory.facts[0]).toEqual(['Model', read.model.name]);
  });
});
