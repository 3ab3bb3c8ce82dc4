/**
 * observed.csv: ObservedRow as text, and back. The reader takes the file as untrusted input
 * (it may have been edited by hand or written by another tool) and names the line and column
 * of every problem at once.
 */

import { csvRow, formatNumber, neutraliseFormula, restoreFormula } from '../csv/format.js';
import { parseCsv } from '../csv/records.js';
import { OBSERVED_BASES, OBSERVED_GRAINS, type ObservedBasis, type ObservedGrain, type ObservedRow } from './observedSeries.js';

export const OBSERVED_COLUMNS = ['grain', 'date', 'org', 'pathway', 'node', 'measure', 'detail', 'value', 'basis'] as const;

export function formatObservedCsv(rows: readonly ObservedRow[]): string {
  const lines = [csvRow(OBSERVED_COLUMNS)];
  for (const row of rows) {
    const text = [row.org, row.pathway, row.node, row.measure, row.detail].map(neutraliseFormula);
    lines.push(csvRow([row.grain, row.date, ...text, formatNumber(row.value), row.basis]));
  }
  return lines.join('\n') + '\n';
}

export type ObservedParse = { ok: true; rows: ObservedRow[] } | { ok: false; problems: string[] };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_PROBLEMS = 50;

function isCalendarDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(text + 'T00:00:00Z');
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Reads observed.csv; `file` names it in messages. Columns may come in any order; extra columns are ignored. */
export function parseObservedCsv(text: string, file = 'observed.csv'): ObservedParse {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, problems: [`${file} line ${parsed.line}: ${parsed.message}`] };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, problems: [`${file}: is empty; expected a header line ${OBSERVED_COLUMNS.join(',')}`] };
  const index = new Map(header.cells.map((name, c) => [name.trim(), c]));
  const missing = OBSERVED_COLUMNS.filter((name) => !index.has(name));
  if (missing.length > 0) return { ok: false, problems: [`${file} line ${header.line}: the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`] };
  const problems: string[] = [];
  const rows: ObservedRow[] = [];
  for (const record of records) {
    const cell = (name: (typeof OBSERVED_COLUMNS)[number]) => (record.cells[index.get(name)!] ?? '').trim();
    const at = (name: string) => `${file} line ${record.line}, column "${name}"`;
    const rowProblems: string[] = [];
    const grain = cell('grain');
    if (!OBSERVED_GRAINS.includes(grain as ObservedGrain)) rowProblems.push(`${at('grain')}: "${grain}" is not one of ${OBSERVED_GRAINS.join(', ')}`);
    const date = cell('date');
    if (!isCalendarDate(date)) rowProblems.push(`${at('date')}: "${date}" is not a date written yyyy-mm-dd`);
    const basis = cell('basis');
    if (!OBSERVED_BASES.includes(basis as ObservedBasis)) rowProblems.push(`${at('basis')}: "${basis}" is not one of ${OBSERVED_BASES.join(', ')}`);
    const measure = restoreFormula(cell('measure'));
    if (measure === '') rowProblems.push(`${at('measure')}: is empty`);
    const valueText = cell('value');
    const value = valueText === '' ? NaN : Number(valueText);
    if (valueText !== '' && !(/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(valueText) && Number.isFinite(value))) {
      rowProblems.push(`${at('value')}: "${valueText}" is not a number (write figures in decimal, or leave the cell empty when unknown)`);
    }
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      if (problems.length >= MAX_PROBLEMS) break;
      continue;
    }
    rows.push({
      grain: grain as ObservedGrain,
      date,
      org: restoreFormula(cell('org')),
      pathway: restoreFormula(cell('pathway')),
      node: restoreFormula(cell('node')),
      measure,
      detail: restoreFormula(cell('detail')),
      value,
      basis: basis as ObservedBasis,
    });
  }
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return { ok: true, rows };
}
