/**
 * Formula injection (issue 10, defect 4): names from a workbook, a link or a model file that
 * a spreadsheet would run as a formula are written, in every CSV Pathflow makes, as text
 * with a leading `'`; figures and ordinary names are untouched; Pathflow's own reader of
 * run directories gives the names back exactly; the workbook Pathflow writes holds such
 * names as text cells, never formulas.
 */
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { dailyCsv } from '../../src/csv/daily.js';
import { neutraliseFormula, restoreFormula } from '../../src/csv/format.js';
import { ipacsOutputFiles } from '../../src/csv/ipacs.js';
import { costCurveCsv, optimalCsv, sensitivityCsv } from '../../src/csv/optimise.js';
import { summaryCsv } from '../../src/csv/summary.js';
import { replicationsCsv } from '../../src/csv/replications.js';
import { planNode } from '../../src/engine/capacityPlan.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { runModel, settingsOf, type RunOptions } from '../../src/engine/run.js';
import { parseDaily, parseSummary } from '../../src/report/runData.js';
import { writeIpacsWorkbook } from '../../src/workbook/write.js';
import { modelOf, smallModel } from '../workbook/fixtures.js';

/** The forms the issue names, and the two control characters OWASP's rule covers. */
const HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", '@SUM(1)'];
const CONTROL = ['\tTAB', '\rCR'];
/** What a spreadsheet takes as the start of a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?(e[+-]\d+)?$/;

/**
 * smallModel with every name a user can choose made hostile, node ids aside: the random
 * streams follow the node ids, so the figures must come out exactly as for smallModel.
 */
function hostileNames(model: ModelSpec, names: readonly string[]): ModelSpec {
  let next = 0;
  const pick = () => names[next++ % names.length];
  return {
    ...model,
    nodes: model.nodes.map((node) => ({
      ...node,
      locality: pick(),
      arrivals: node.arrivals.map((a) => ({ ...a, name: pick() })),
      capacity: node.capacity.map((c) => ({ ...c, name: pick() })),
      los: node.los.map((l) => ({ ...l, name: pick() })),
    })),
  };
}

/** Node ids too (as a model file or link could hold them): the files' ids then start with the hostile text. */
function hostileIds(model: ModelSpec): ModelSpec {
  return { ...model, nodes: model.nodes.map((node, i) => ({ ...node, id: HOSTILE[i % HOSTILE.length] + i })) };
}

const OPTIONS: RunOptions = { replications: 4, seed: 11 };
const DAYS = 20;

/** Every CSV Pathflow writes for a model: the run's and `optimise`'s, by file name. */
async function allCsvs(model: ModelSpec): Promise<Map<string, string>> {
  const result = await runModel(model, OPTIONS);
  const files = new Map<string, string>([
    ['daily.csv', [...dailyCsv(result)].join('')],
    ['summary.csv', summaryCsv(result, model)],
    ['replications.csv', replicationsCsv(result)],
    ...ipacsOutputFiles(model, result),
  ]);
  const settings = settingsOf(OPTIONS);
  const plans = model.nodes.map((node) =>
    planNode({ node, arrivalIndex: 0, losIndex: 0, days: DAYS, settings, replications: 3, costBasis: 'commissioned' }, { kind: 'cost' }, 0.1),
  );
  files.set('optimal.csv', optimalCsv(plans));
  files.set('cost_curve.csv', costCurveCsv(plans));
  files.set('sensitivity.csv', sensitivityCsv(plans));
  return files;
}

/** A CSV's fields, line by line: RFC 4180 (a quoted field may hold a line break). */
function fieldsOf(content: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (quoted) {
      if (c === '"' && content[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  expect(field, 'the file ends in a line break').toBe('');
  return rows;
}

/** Fields a spreadsheet would run: those starting like a formula that are not plain numbers. */
function liveFormulas(content: string): string[] {
  return fieldsOf(content)
    .flat()
    .filter((field) => FORMULA_START.test(field) && !NUMBER.test(field));
}

describe('the rule: neutraliseFormula and restoreFormula', () => {
  it("puts a ' before text a spreadsheet would take as a formula", () => {
    for (const name of [...HOSTILE, ...CONTROL]) expect(neutraliseFormula(name)).toBe(`'${name}`);
    // Already marked by hand: marked again, so that reading back undoes exactly one mark.
    expect(neutraliseFormula("'=1+1")).toBe("''=1+1");
  });

  it('leaves ordinary names, Pathflow’s words and dates byte for byte as they were', () => {
    for (const name of ['P2_B', 'BCap', 'S1los', 'Ynys Môn, "west"', "O'Neill", "'quoted'", 'a=b', 'x-1', '2024-01-01', '', ' =spaced', 'commissioned']) {
      expect(neutraliseFormula(name)).toBe(name);
      expect(restoreFormula(name)).toBe(name);
    }
  });

  it('is undone exactly by restoreFormula, whatever the text', () => {
    const pieces = ["'", '=', '+', '-', '@', '\t', '\r', 'a', '1', ' ', '"', ','];
    let state = 9;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: Math.floor(next() * 6) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
      const written = neutraliseFormula(text);
      expect(restoreFormula(written), JSON.stringify(text)).toBe(text);
      expect(FORMULA_START.test(written), JSON.stringify(written)).toBe(false);
    }
  });
});

describe('every CSV Pathflow writes, with hostile names', () => {
  let ordinary: Map<string, string>;
  let hostile: Map<string, string>;
  let hostileModel: ModelSpec;
  beforeAll(async () => {
    hostileModel = hostileNames(smallModel(DAYS), [...HOSTILE, ...CONTROL]);
    [ordinary, hostile] = await Promise.all([allCsvs(smallModel(DAYS)), allCsvs(hostileModel)]);
  });

  it('writes the same files, every figure and every ordinary name the same, each hostile name marked', () => {
    expect([...hostile.keys()]).toEqual([...ordinary.keys()]);
    expect(hostile.size).toBe(10);
    const marked = new Set([...HOSTILE, ...CONTROL].map((name) => `'${name}`));
    for (const [file, content] of hostile) {
      const rows = fieldsOf(content);
      const plain = fieldsOf(ordinary.get(file)!);
      expect(rows.length, file).toBe(plain.length);
      let namesMarked = 0;
      rows.forEach((row, r) => {
        expect(row.length, `${file} line ${r + 1}`).toBe(plain[r].length);
        row.forEach((field, c) => {
          if (NUMBER.test(plain[r][c])) expect(field, `${file} line ${r + 1} field ${c + 1}`).toBe(plain[r][c]);
          if (marked.has(field)) namesMarked++;
        });
      });
      // The IPACS files show names only inside scenario ids, which start with the node id.
      if (['daily.csv', 'summary.csv', 'optimal.csv', 'cost_curve.csv', 'sensitivity.csv'].includes(file)) expect(namesMarked, file).toBeGreaterThan(0);
      expect(liveFormulas(content), file).toEqual([]);
    }
  });

  it('marks every text field that starts like a formula, node ids and scenario ids included', async () => {
    const model = hostileIds(hostileModel);
    const files = await allCsvs(model);
    for (const [file, content] of files) {
      expect(liveFormulas(content), file).toEqual([]);
      expect(fieldsOf(content).flat().some((field) => model.nodes.some((node) => field.startsWith(`'${node.id}`))), file).toBe(true);
    }
    const rows = parseSummary(files.get('summary.csv')!);
    expect(new Set(rows.map((row) => row.node))).toEqual(new Set(model.nodes.map((node) => node.id)));
    expect(rows.every((row) => row.scenario.startsWith(row.node))).toBe(true);
  });

  it('reads back, in the report’s reader, the names exactly as the user wrote them', () => {
    const rows = parseSummary(hostile.get('summary.csv')!);
    const written = new Set(hostileModel.nodes.map((node) => node.locality));
    expect(new Set(rows.map((row) => row.locality))).toEqual(written);
    for (const row of rows) {
      const node = hostileModel.nodes.find((n) => n.id === row.node)!;
      expect(node.capacity.map((c) => c.name)).toContain(row.capacityScenario);
      expect(node.los.map((l) => l.name)).toContain(row.losScenario);
      expect(node.arrivals.map((a) => a.name)).toContain(row.arrivalScenario);
      expect(row.scenario).toBe(`${row.node}_${row.capacityScenario}_${row.losScenario}_${row.arrivalScenario}`);
    }
    const daily = parseDaily(hostile.get('daily.csv')!, rows, DAYS);
    expect([...daily.keys()].sort()).toEqual(rows.map((row) => row.scenario).sort());
  });
});

describe('the workbook Pathflow writes, with hostile names', () => {
  // A workbook's locality is its node id's tail; cells are read trimmed, so the control
  // characters cannot come back from one.
  const named = hostileNames(smallModel(), HOSTILE);
  const model: ModelSpec = { ...named, nodes: named.nodes.map((node) => ({ ...node, id: `${node.pathway}_${node.locality}` })) };
  const names = (m: ModelSpec) => m.nodes.map((node) => [node.id, node.locality, ...node.arrivals.map((a) => a.name), ...node.capacity.map((c) => c.name), ...node.los.map((l) => l.name)]);
  const unescapeXml = (text: string) =>
    text.replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" })[entity]!);

  it('holds every name in a text cell and no formula at all', async () => {
    const parts = unzipSync(await writeIpacsWorkbook(model));
    const sheets = Object.keys(parts).filter((part) => part.startsWith('xl/worksheets/sheet'));
    expect(sheets.length).toBe(5);
    for (const part of sheets) expect(strFromU8(parts[part]), part).not.toMatch(/<f[\s>/]/);
    const shared = [...strFromU8(parts['xl/sharedStrings.xml']).matchAll(/<si><t[^>]*>(.*?)<\/t><\/si>/gs)].map((match) => unescapeXml(match[1]));
    const capacitySheet = strFromU8(parts['xl/worksheets/sheet3.xml']);
    for (const name of HOSTILE) {
      const index = shared.indexOf(name);
      expect(index, name).toBeGreaterThanOrEqual(0);
      // The capacity sheet names each scenario in column B: a shared-string cell pointing at the name.
      if (model.nodes.some((node) => node.capacity.some((c) => c.name === name))) {
        expect(capacitySheet, name).toMatch(new RegExp(`<c r="B\\d+"[^>]* t="s"[^>]*><v>${index}</v></c>`));
      }
    }
  });

  it('reads back as the same model, names and all', async () => {
    const back = await modelOf(await writeIpacsWorkbook(model));
    expect(names(back)).toEqual(names(model));
  });
});
