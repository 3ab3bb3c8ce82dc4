/**
 * The report's charts and tables say what they show: legends with every series and its
 * description, units and the date on the axes, a capacity rule on "In service" (none where
 * capacity is unrestricted); and the shared scenario text the web app uses too.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { runModel } from '../../src/engine/run.js';
import { reportBlocks, type Block, type Chart } from '../../src/report/content.js';
import { reportDataFromRun } from '../../src/report/fromRun.js';
import { describeScenario, scenarioDescriptions, scenarioText } from '../../src/report/scenarioText.js';
import { lineChartSvg, lineStyle } from '../../src/report/svgChart.js';
import { readIpacsWorkbook } from '../../src/workbook/read.js';

const example = resolve(import.meta.dirname, '../../examples/fictional-icb.xlsx');

/** The text an SVG shows, its tspans joined by spaces as a reader reads a wrapped label. */
function svgText(svg: string): string {
  return svg
    .replace(/<title>.*?<\/title><desc>.*?<\/desc>/, '')
    .replace(/<tspan[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const charts = (blocks: Block[]): Chart[] => blocks.flatMap((b) => (b.kind === 'charts' ? b.charts : []));

describe('scenario text', () => {
  const model = { nodes: [{ capacity: [{ name: 'BCap', description: 'today’s capacity' }], los: [{ name: 'Blos' }], arrivals: [{ name: 'S1Arr', description: 'winter surge' }] }] } as unknown as ModelSpec;
  const parts = { capacityScenario: 'BCap', losScenario: 'Blos', arrivalScenario: 'S1Arr' };

  it('is the label and the descriptions of the parts that have one, in label order', () => {
    const descriptions = scenarioDescriptions(model);
    expect(describeScenario(parts, descriptions)).toBe('today’s capacity; winter surge');
    expect(scenarioText(parts, descriptions)).toBe('BCap_Blos_S1Arr: today’s capacity; winter surge');
  });

  it('is the label alone when no part is described', () => {
    const descriptions = scenarioDescriptions({ nodes: [] } as unknown as ModelSpec);
    expect(describeScenario(parts, descriptions)).toBeUndefined();
    expect(scenarioText(parts, descriptions)).toBe('BCap_Blos_S1Arr');
  });
});

describe('the report of the example', () => {
  let model: ModelSpec;
  let blocks: Block[];
  beforeAll(async () => {
    const read = await readIpacsWorkbook(readFileSync(example), { fileName: 'fictional-icb.xlsx' });
    if (!read.ok) throw new Error('the example does not read');
    model = read.model;
    const result = await runModel(model, { replications: 2, seed: 1 });
    blocks = reportBlocks(reportDataFromRun(model, result, { pathflow: '0.0.0', seed: 1, runs: 2 }), { generated: new Date('2024-01-02T03:04:05Z') });
  });

  it('has, per node, a legend naming every scenario with its description, the band and each capacity', () => {
    const node = model.nodes.find((n) => n.id === 'P2_RV')!;
    const legend = charts(blocks).find((c) => c.title === 'P2_RV: legend')!;
    const text = svgText(legend.svg);
    const descriptions = scenarioDescriptions(model);
    for (const c of node.capacity)
      for (const l of node.los)
        for (const a of node.arrivals) {
          const parts = { capacityScenario: c.name, losScenario: l.name, arrivalScenario: a.name };
          expect(text).toContain(scenarioText(parts, descriptions));
        }
    expect(text).toContain('95 % band of BCap_Blos_BArr');
    for (const c of node.capacity) expect(text).toContain(`Capacity (on In service) of ${c.name}: ${c.capacity} beds`);
    // Nothing wider than the legend itself: long labels wrap.
    expect(Math.max(...[...legend.svg.matchAll(/x="([\d.]+)"/g)].map((m) => Number(m[1])))).toBeLessThan(legend.width);
  });

  it('draws each capacity as a labelled rule on In service only, and names the units and the date on every chart', () => {
    const node = model.nodes.find((n) => n.id === 'P2_RV')!;
    const inService = charts(blocks).find((c) => c.title === 'In service, P2_RV')!;
    const rules = [...inService.svg.matchAll(/<text[^>]*class="rule">([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(rules.sort()).toEqual(node.capacity.map((c) => `${c.name}: ${c.capacity} beds`).sort());
    const delayed = charts(blocks).find((c) => c.title === 'Delayed in acute, P2_RV')!;
    expect(delayed.svg).not.toContain('class="rule"');
    for (const [title, unit] of [
      ['In service, P2_RV', 'patients (daily mean)'],
      ['Delayed in acute, P2_RV', 'patients (daily mean)'],
      ['Days delayed, P2_RV', 'days, patients admitted that day'],
      ['Daily cost, P2_RV', '£ a day'],
    ]) {
      const text = svgText(charts(blocks).find((c) => c.title === title)!.svg);
      expect(text, title).toContain(unit);
      expect(svgText(charts(blocks).find((c) => c.title === title)!.svg.replace(/<\/text>/g, ' </text>')), title).toMatch(/ date /);
    }
  });

  it('describes scenarios under their labels in the summary and comparison tables', () => {
    const comparison = blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.caption === 'Pathway × locality × scenario')!;
    const row = comparison.rows.find((r) => r[1].text === 'RV' && r[2].text === 'S1Cap_Blos_S1Arr')!;
    expect(row[2].sub).toBe('10 % more capacity; stays as today; winter surge: 15 % more referrals in December and January');
    expect(comparison.columns.map((c) => c.label)).toEqual(expect.arrayContaining(['Capacity', 'Utilisation']));
    const wholeSystem = blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.caption.startsWith('Whole system'))!;
    expect(wholeSystem.rows[0][0]).toEqual({ text: 'BCap_Blos_BArr', sub: 'today’s capacity; stays as today; referrals as today, fewer at weekends' });
  });
});

describe('a line chart', () => {
  it('draws no rule when none is given (unrestricted capacity) and stretches its axis to reach a rule', () => {
    const base = { width: 300, height: 200, title: 'T', yLabel: 'patients', dates: ['2023-01-01', '2023-01-02'], series: [{ label: 'A', values: [1, 2], style: lineStyle(0) }] };
    expect(lineChartSvg(base)).not.toContain('class="rule"');
    const ruled = lineChartSvg({ ...base, rules: [{ value: 40, label: 'BCap: 40 beds' }] });
    expect(ruled).toContain('class="rule">BCap: 40 beds</text>');
    // The top tick reaches the rule although the series stays below 2.
    expect(svgText(ruled)).toMatch(/\b40\b/);
  });
});
