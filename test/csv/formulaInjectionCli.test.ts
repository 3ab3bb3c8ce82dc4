/**
 * Formula injection end to end (issue 10, defect 4): a workbook whose localities and scenario
 * names are formulas (and a script tag) through the built `pathflow run`, `report` and
 * `optimise`. Every CSV holds the names marked as text; the report, reading the run back,
 * shows them as the user wrote them, escaped.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { escapeXml } from '../../src/report/svgChart.js';
import { splitCsvLine } from '../../src/report/runData.js';
import { writeIpacsWorkbook } from '../../src/workbook/write.js';
import { builtCliWorkDirectory, pathflow } from '../cliHarness.js';
import { smallModel } from '../workbook/fixtures.js';

const LOCALITIES = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0"];
const CAPACITY = ['@SUM(1)', 'S1Cap'];
const LOS = ['=HYPERLINK("http://x","y")', 'S1los'];
const ARRIVALS = ['<script>alert(1)</script>', "-2+3+cmd|' /C calc'!A0"];
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?(e[+-]\d+)?$/;

function hostileModel(): ModelSpec {
  const model = smallModel(14);
  return {
    ...model,
    nodes: model.nodes.map((node, i) => ({
      ...node,
      id: `${node.pathway}_${LOCALITIES[i]}`,
      locality: LOCALITIES[i],
      capacity: node.capacity.map((c, k) => ({ ...c, name: CAPACITY[k] })),
      los: node.los.map((l, k) => ({ ...l, name: LOS[k] })),
      arrivals: node.arrivals.map((a, k) => ({ ...a, name: ARRIVALS[k] })),
    })),
  };
}

/** Every field of every line (no field of these files spans lines). */
const fieldsOf = (content: string) => content.slice(0, -1).split('\n').map(splitCsvLine);

function liveFormulas(content: string): string[] {
  return fieldsOf(content)
    .flat()
    .filter((field) => FORMULA_START.test(field) && !NUMBER.test(field));
}

let work: string;
let workbook: string;
let out: string;
beforeAll(async () => {
  work = builtCliWorkDirectory('pathflow-formulas-');
  workbook = join(work, 'hostile.xlsx');
  writeFileSync(workbook, await writeIpacsWorkbook({ ...hostileModel(), name: 'hostile' }));
  out = join(work, 'run');
  const run = pathflow('run', workbook, '--runs', '3', '--seed', '5', '--quiet', '--out', out);
  if (run.status !== 0) throw new Error(`pathflow run failed: ${run.stderr}`);
});

describe('a workbook with formulas for names, through the built CLI', () => {
  it('pathflow run writes every name a spreadsheet would run with a leading apostrophe, in every CSV', () => {
    const csvs = readdirSync(out).filter((file) => file.endsWith('.csv'));
    // daily, summary, replications and the four IPACS-layout files.
    expect(csvs).toContain('replications.csv');
    expect(csvs.length).toBe(7);
    for (const file of csvs) expect(liveFormulas(readFileSync(join(out, file), 'utf8')), file).toEqual([]);

    const summary = fieldsOf(readFileSync(join(out, 'summary.csv'), 'utf8'));
    const column = (name: string) => summary.slice(1).map((row) => row[summary[0].indexOf(name)]);
    expect(new Set(column('locality'))).toEqual(new Set(LOCALITIES.map((name) => `'${name}`)));
    expect(new Set(column('capacity_scenario'))).toEqual(new Set(["'@SUM(1)", 'S1Cap']));
    expect(new Set(column('los_scenario'))).toEqual(new Set([`'${LOS[0]}`, 'S1los']));
    // Not a formula: as written.
    expect(new Set(column('arrival_scenario'))).toEqual(new Set([ARRIVALS[0], `'${ARRIVALS[1]}`]));
    expect(column('node').every((id) => /^P[123]_/.test(id))).toBe(true);

    const daily = fieldsOf(readFileSync(join(out, 'daily.csv'), 'utf8'));
    const localityAt = daily[0].indexOf('locality');
    expect(daily.slice(1).every((row) => row[localityAt].startsWith("'"))).toBe(true);
  });

  it('pathflow report reads the run back and shows the names as written, escaped', () => {
    const html = pathflow('report', out, '--format', 'html');
    expect(html.status, html.stderr).toBe(0);
    const text = readFileSync(join(out, 'report.html'), 'utf8');
    for (const name of [...LOCALITIES, ...CAPACITY, ...LOS, ...ARRIVALS]) {
      expect(text, name).toContain(escapeXml(name));
      expect(text, name).not.toContain(escapeXml(`'${name}`));
    }
    expect(text).not.toContain('<script');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    const word = pathflow('report', out, '--format', 'docx');
    expect(word.status, word.stderr).toBe(0);
    const document = strFromU8(unzipSync(readFileSync(join(out, 'report.docx')))['word/document.xml']);
    expect(document).not.toContain('<script');
    expect(document).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(document).toContain('@SUM(1)');
    expect(document).not.toMatch(/(&apos;|')@SUM\(1\)/);
  });

  it('pathflow optimise writes its three CSVs with the names marked too', () => {
    const plans = join(work, 'plans');
    const node = `P2_${LOCALITIES[1]}`;
    const result = pathflow('optimise', workbook, '--nodes', node, '--runs', '4', '--seed', '5', '--quiet', '--out', plans);
    expect(result.status, result.stderr).toBe(0);
    for (const file of ['optimal.csv', 'cost_curve.csv', 'sensitivity.csv']) {
      const content = readFileSync(join(plans, file), 'utf8');
      expect(liveFormulas(content), file).toEqual([]);
      const rows = fieldsOf(content);
      expect(rows[1][rows[0].indexOf('locality')], file).toBe(`'${LOCALITIES[1]}`);
    }
  });
});
