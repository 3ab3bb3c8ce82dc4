/**
 * The report's network section, from a hand-built run with one component (test/csv/
 * networkFixtures.ts): the same figures from the run in memory and from its run directory,
 * the diagram, flows, blocked bed-days and system totals, and a directory with half the
 * network files refused.
 */
import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { dailyCsv } from '../../src/csv/daily.js';
import { reportBlocks, type Block } from '../../src/report/content.js';
import { diagramColumns, flowDiagramSvg } from '../../src/report/flowDiagram.js';
import { formatPounds, formatWhole } from '../../src/report/format.js';
import { reportDataFromRun } from '../../src/report/fromRun.js';
import { reportHtml } from '../../src/report/html.js';
import { OPTIONAL_RUN_FILES, parseRunFiles, RUN_FILES, type RunFiles } from '../../src/report/runData.js';
import { runDirectoryFiles } from '../../src/app/runDirectory.js';
import { parseNetworkFiles } from '../../src/report/networkData.js';
import { flowsCsv, systemCsv } from '../../src/csv/networkFiles.js';
import { fixtureRun } from '../csv/networkFixtures.js';

const manifest = { pathflow: '0.0.0-test', seed: 1, runs: 4 };


async function runDirectory(): Promise<RunFiles> {
  const { model, result } = fixtureRun();
  const files = await runDirectoryFiles({ result, model, dailyCsv: [...dailyCsv(result)].join(''), started: '2026-12-05T10:00:00.000Z', source: 'a test' });
  return Object.fromEntries([...RUN_FILES, ...OPTIONAL_RUN_FILES].filter((name) => name in files).map((name) => [name, strFromU8(files[name])])) as unknown as RunFiles;
}

const headings = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'heading' && b.level === 1 ? [b.text] : []));
const table = (blocks: Block[], caption: RegExp) => blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && caption.test(b.caption))!;

describe('the report on a run with networks', () => {
  const { model, result } = fixtureRun();
  const data = reportDataFromRun(model, result, manifest);

  it('reads the network figures from flows.csv and system.csv', () => {
    expect(parseNetworkFiles(flowsCsv(result.components!, result.dates), systemCsv(result.components!))).toEqual(data.network);
    expect(data.network!.map((s) => s.id)).toEqual(['A_BCap_Blos_BArr_BRoute', 'A_BCap_Blos_BArr_S1Route']);
    // A flow's total is the sum of its daily means: base 200 + edge 3, days 0.0, 0.1, 0.2.
    expect(data.network![1].flows.find((f) => f.from === 'ACUTE_A' && f.to === 'P2_A')!.total).toBeCloseTo(3 * 203 + 0.3, 9);
  });

  it('reads the same network figures from the run in memory and from its run directory', async () => {
    const fromDirectory = parseRunFiles(await runDirectory());
    expect(fromDirectory.network).toEqual(data.network);
    for (const [id, series] of data.daily) for (const metric of ['occ', 'niq', 'wait', 'cost'] as const) expect([...fromDirectory.daily.get(id)![metric].mean], `${id} ${metric}`).toEqual([...series[metric].mean].map((v) => Number(v.toFixed(4))));
  });

  it("charts a networked node's people in service and its own queue, as daily.csv gives them", () => {
    const p2 = result.components![0].nodes[1];
    const series = data.daily.get(p2.scenario.key.id)!;
    expect([...series.occ.mean]).toEqual([...p2.daily.occ.mean]);
    expect([...series.niq.high]).toEqual([...p2.daily.niq.quantiles[8]]);
    expect([...series.wait.mean]).toEqual([...p2.scenario.daily.wait.mean]);
  });

  it('refuses a run directory with flows.csv but not system.csv, naming the missing file', async () => {
    const files = await runDirectory();
    delete files['system.csv'];
    expect(() => parseRunFiles(files)).toThrow(/^system\.csv: is missing while flows\.csv is there/);
  });

  it('has a numbered section with the system totals, blocked bed-days and flows of each scenario', () => {
    const blocks = reportBlocks(data, { generated: new Date('2026-12-05T10:00:00Z') });
    expect(headings(blocks).slice(-4)).toEqual(['5. Pathway networks', '6. Methods and assumptions', '7. Run manifest', '8. Words and measures']);
    const system = table(blocks, /^A: system totals/);
    const cost = result.components![1].system.totalCost;
    expect(system.rows[1][0].text).toBe('BCap_Blos_BArr_S1Route');
    expect(system.rows[1][1]).toEqual({ text: formatPounds(cost.mean), sub: `${formatPounds(cost.low)} to ${formatPounds(cost.high)}` });
    const left = table(blocks, /^A: patients who left/);
    const home = result.components![1].system.throughputByExit.HOME_A;
    expect(left.rows.find((row) => row[0].text === 'BCap_Blos_BArr_S1Route' && row[1].text === 'HOME_A')![2]).toEqual({ text: formatWhole(home.mean), sub: `${formatWhole(home.low)} to ${formatWhole(home.high)}` });
    expect(left.rows.filter((row) => row[1].text === 'from a node with no onward route')).toHaveLength(2);
    const blocked = table(blocks, /^A: bed-days blocked/);
    // One row per scenario and cause: the fixture's only cause is ACUTE_A held by P2_A.
    expect(blocked.rows.map((row) => row.slice(0, 3).map((cell) => cell.text))).toEqual([
      ['BCap_Blos_BArr_BRoute', 'ACUTE_A', 'P2_A'],
      ['BCap_Blos_BArr_S1Route', 'ACUTE_A', 'P2_A'],
    ]);
    const cause = result.components![1].blockedByCause[0].bedDays;
    expect(blocked.rows[1][3]).toEqual({ text: formatWhole(cause.mean), sub: `${formatWhole(cause.low)} to ${formatWhole(cause.high)}` });
    const flows = table(blocks, /^A: patients moved/);
    expect(flows.rows).toHaveLength(6);
    expect(blocks.some((b) => b.kind === 'paragraph' && b.text.includes('HOME_A has no capacity scenario BCap'))).toBe(true);
  });

  it('draws each scenario as a diagram of its nodes by kind and its flows, in the HTML', () => {
    const html = reportHtml(data, { generated: new Date('2026-12-05T10:00:00Z') });
    for (const text of ['A: BCap_Blos_BArr_BRoute', 'A: BCap_Blos_BArr_S1Route', 'acute beds', 'ACUTE_A', 'HOME_A', formatWhole(data.network![0].flows[0].total)]) expect(html).toContain(text);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('leaves the section out of a run without networks, and numbers the rest as before', () => {
    const isolated = { ...result, scenarios: [result.scenarios[0]], components: undefined };
    const plainModel = { ...model, nodes: [model.nodes[0]], edges: [] };
    const blocks = reportBlocks(reportDataFromRun(plainModel, isolated, manifest), { generated: new Date('2026-12-05T10:00:00Z') });
    expect(headings(blocks).slice(-3)).toEqual(['5. Methods and assumptions', '6. Run manifest', '7. Words and measures']);
  });
});

describe('reading flows.csv and system.csv back', () => {
  const { result } = fixtureRun();
  const flows = flowsCsv(result.components!, result.dates);
  const system = systemCsv(result.components!);

  it('names the file and line of a malformed row', () => {
    const lines = system.split('\n');
    lines[4] = lines[4].replace(',throughput,', ',throughputs,');
    expect(() => parseNetworkFiles(flows, lines.join('\n'))).toThrow(/^system\.csv line 5: column measure: "throughputs" is not one of total_cost, /);
    const flowLines = flows.split('\n');
    const fields = flowLines[5].split(',');
    fields[11] = 'many';
    flowLines[5] = fields.join(',');
    expect(() => parseNetworkFiles(flowLines.join('\n'), system)).toThrow('flows.csv line 6: column mean: "many" is not a number');
  });

  it('refuses flows of a scenario system.csv does not have, and a file cut short', () => {
    const other = flows.replaceAll('A_BCap_Blos_BArr_S1Route', 'A_BCap_Blos_BArr_S2Route');
    expect(() => parseNetworkFiles(other, system)).toThrow(/^flows\.csv line 11: scenario A_BCap_Blos_BArr_S2Route is not in system\.csv/);
    expect(() => parseNetworkFiles(flows, system.slice(0, -1))).toThrow(/^system\.csv: the last line has no line break/);
  });
});

describe('the flow diagram', () => {
  const flow = (from: string, to: string, total = 1) => ({ from, to, type: 'route', total });

  it('puts nodes in columns by moves from where patients enter, exits last, a readmission loop back', () => {
    const nodes = [
      { id: 'ACUTE', kind: 'acute' as const },
      { id: 'P2', kind: 'bed' as const },
      { id: 'HOME', kind: 'exit' as const },
      { id: 'AT_HOME', kind: 'delay' as const },
    ];
    const flows = [flow('ACUTE', 'P2'), flow('P2', 'AT_HOME'), flow('AT_HOME', 'ACUTE'), flow('ACUTE', 'HOME')];
    // Every node is fed: the first non-exit node starts.
    expect(Object.fromEntries(diagramColumns(nodes, flows))).toEqual({ ACUTE: 0, P2: 1, AT_HOME: 2, HOME: 3 });
    const { svg } = flowDiagramSvg('loop', nodes, flows, 7);
    expect(svg.match(/<path d="M[^"]*" fill="none"/g)).toHaveLength(4);
    expect(svg).toContain('marker-end="url(#arrow-7)"');
    expect(svg).toContain('time elsewhere');
  });
});
