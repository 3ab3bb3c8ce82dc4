/**
 * Test helpers for the IPACS-layout writer: where the third-party reference data lives, a
 * minimal xlsx reader (independent of src/workbook, on purpose) and a ModelSpec built from
 * the sample workbooks with their sheet-row keys.
 *
 * The reference data (the IPACS sample workbooks and the R model's own outputs) is not part
 * of the repository; it is read from ../shared next to the repository root, and the tests
 * that need it skip when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import type { IpacsSheetRows, ModelSpec, NodeSpec, Pathway } from '../../src/engine/model.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const IPACS_DATA = path.resolve(repoRoot, '../shared/data/ipacs');

export interface ReferenceSet {
  /** Model and file name: the workbook's base name. */
  name: string;
  workbook: string;
  /** Directory of the R model's four CSVs for this workbook. */
  outputs: string;
}

export const REFERENCE_SETS: ReferenceSet[] = [
  { name: 'IPACS_params', workbook: path.join(IPACS_DATA, 'IPACS_params.xlsx'), outputs: path.join(IPACS_DATA, 'reference-r/sample') },
  { name: 'sample_nodtoc', workbook: path.join(IPACS_DATA, 'sample_nodtoc.xlsx'), outputs: path.join(IPACS_DATA, 'reference-r/sample_nodtoc') },
];

export const REFERENCE_FILES = ['bed_output', 'visit_output', 'stochastic_bed_output', 'stochastic_visit_output'] as const;

export function referencePath(set: ReferenceSet, kind: (typeof REFERENCE_FILES)[number]): string {
  return path.join(set.outputs, `${kind}_using_${set.name}.csv`);
}

/** True when every workbook and reference CSV is there. */
export const HAVE_REFERENCE = REFERENCE_SETS.every((set) => existsSync(set.workbook) && REFERENCE_FILES.every((kind) => existsSync(referencePath(set, kind))));
export const MISSING_REFERENCE = `skipped: IPACS reference data (third party, not in the repository) not found at ${IPACS_DATA}`;

export function readReference(set: ReferenceSet, kind: (typeof REFERENCE_FILES)[number]): string {
  return readFileSync(referencePath(set, kind), 'utf8');
}

/** Splits a CSV line of R's output (quoted fields never hold commas there). */
export function splitLine(line: string): string[] {
  return line.split(',');
}

export function unquote(field: string): string {
  return field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
}

// ---------------------------------------------------------------------------------------
// A minimal xlsx reader: shared strings, inline strings, numbers; enough for the samples.

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, entity: string) => {
    switch (entity) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    }
  });
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decodeXml(match[1]) : undefined;
}

function textRuns(xml: string): string {
  return [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => decodeXml(m[1])).join('');
}

/** Data rows of a sheet as records keyed by the header row's names; blank rows dropped. */
export type SheetTable = Record<string, string | undefined>[];

export function readXlsx(file: string): Map<string, SheetTable> {
  const entries = unzipSync(readFileSync(file));
  const text = (name: string) => strFromU8(entries[name]);
  const shared = entries['xl/sharedStrings.xml'] ? [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textRuns(m[1])) : [];
  const targets = new Map<string, string>();
  for (const [tag] of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\s[^>]*>/g)) {
    targets.set(attribute(tag, 'Id')!, attribute(tag, 'Target')!);
  }
  const sheets = new Map<string, SheetTable>();
  for (const [tag] of text('xl/workbook.xml').matchAll(/<sheet\s[^>]*>/g)) {
    const target = targets.get(attribute(tag, 'r:id')!)!.replace(/^\//, '');
    const xml = text(target.startsWith('xl/') ? target : `xl/${target}`);
    const rows: Map<string, string>[] = [];
    for (const [, body] of xml.matchAll(/<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const cells = new Map<string, string>();
      for (const [, cellTag, content] of (body ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const column = /^[A-Z]+/.exec(attribute(cellTag, 'r')!)![0];
        const type = attribute(cellTag, 't');
        let value: string | undefined;
        if (type === 'inlineStr') value = textRuns(content ?? '');
        else {
          const v = /<v>([\s\S]*?)<\/v>/.exec(content ?? '');
          if (v) value = type === 's' ? shared[Number(v[1])] : decodeXml(v[1]);
        }
        if (value !== undefined && value !== '') cells.set(column, value);
      }
      if (cells.size > 0) rows.push(cells);
    }
    const [header, ...data] = rows;
    const names = header ? [...header.entries()] : [];
    sheets.set(
      attribute(tag, 'name')!,
      data.map((cells) => Object.fromEntries(names.map(([column, name]) => [name, cells.get(column)]))),
    );
  }
  return sheets;
}

// ---------------------------------------------------------------------------------------
// The sample workbooks as a ModelSpec (a stand-in for src/workbook, which these tests must
// not depend on) and the [node, scenario] keys of their sheets.

export function sheetRowsOf(sheets: Map<string, SheetTable>): IpacsSheetRows {
  const keys = (sheet: string, second: string): [string, string][] => sheets.get(sheet)!.map((row) => [row.node!, row[second]!]);
  return {
    arrivals: keys('arrivals', 'scenario'),
    capacity: keys('capacity', 'scenario'),
    los: keys('los', 'scenario'),
    initial: keys('initial conditions', 'measure'),
  };
}

function excelDate(serial: string): string {
  return new Date((Number(serial) - 25569) * 86_400_000).toISOString().slice(0, 10);
}

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/**
 * The workbook as a model, with `ipacsSheetRows`. Nodes are listed in reverse name order,
 * and each node's scenarios in reverse sheet order, so a test passing on it shows the column
 * order comes from the sheet rows and not from the model's own order.
 */
export function sampleModel(set: ReferenceSet): ModelSpec {
  const sheets = readXlsx(set.workbook);
  const arrivals = sheets.get('arrivals')!;
  const dates = distinct(arrivals.map((row) => excelDate(row.date!))).sort();
  const nodeIds = distinct(sheets.get('capacity')!.map((row) => row.node!)).sort().reverse();
  const number = (value: string | undefined) => Number(value);
  const nodes: NodeSpec[] = nodeIds.map((id) => {
    const pathway = id.slice(0, 2) as Pathway;
    const own = (sheet: string) => sheets.get(sheet)!.filter((row) => row.node === id);
    const arrivalRows = own('arrivals');
    const initial = own('initial conditions');
    const costs = own('costs')[0];
    return {
      id,
      pathway,
      locality: id.slice(3),
      arrivals: distinct(arrivalRows.map((row) => row.scenario!))
        .reverse()
        .map((name) => {
          const byDate = new Map(arrivalRows.filter((row) => row.scenario === name).map((row) => [excelDate(row.date!), number(row.arrivals)]));
          return { name, daily: dates.map((date) => byDate.get(date) ?? 0) };
        }),
      capacity: own('capacity')
        .reverse()
        .map((row) => ({ name: row.scenario!, capacity: number(row.capacity) })),
      los: own('los')
        .reverse()
        .map((row) => ({
          name: row.scenario!,
          family: 'lnorm' as const,
          mean: number(row.mean_los),
          median: number(row.median),
          ...(pathway === 'P1' ? { initialVisitRate: number(row.IVR), finalVisitRate: number(row.FVR) } : {}),
        })),
      initial: {
        occupied: number(initial.find((row) => row.measure === 'occ')?.value),
        waiting: number(initial.find((row) => row.measure === 'dtoc')?.value),
      },
      costs: costs ? { community: number(costs.community_cost), acuteDelay: number(costs.acute_dtoc) } : { community: 0, acuteDelay: 0 },
    };
  });
  return { name: set.name, dates, nodes, ipacsSheetRows: sheetRowsOf(sheets) };
}
