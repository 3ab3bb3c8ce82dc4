/**
 * The optional `settings` sheet: choices about a whole model that IPACS workbooks have no
 * place for. A `setting` column names each one and a `value` column holds it. Without the
 * sheet (every IPACS workbook) each setting has IPACS's meaning, so such workbooks read
 * exactly as before.
 */
import { BOUNDS } from '../engine/bounds.js';
import { COST_BASES, type CostBasis } from '../engine/model.js';
import { toNumber, toText, type CellValue } from './cells.js';
import type { WorkbookFile } from './container.js';
import { columnLetter, quoted, type WorkbookIssue } from './issues.js';

export const SETTINGS_SHEET = 'settings';
export const SETTINGS_COLUMNS = ['setting', 'value'] as const;
export const COST_BASIS_SETTING = 'cost_basis';
export const WARMUP_SETTING = 'warmup_days';
export const RESOLVE_DEADLOCKS_SETTING = 'resolve_deadlocks';
const KNOWN_SETTINGS = [COST_BASIS_SETTING, WARMUP_SETTING, RESOLVE_DEADLOCKS_SETTING];

export interface WorkbookSettings {
  costBasis?: CostBasis;
  warmupDays?: number;
  resolveDeadlocks?: boolean;
}

/** Where each setting read was, by its field in WorkbookSettings, for problems found later. */
export type SettingCells = Map<keyof WorkbookSettings, WorkbookIssue>;

interface IssueLog {
  errors: WorkbookIssue[];
  warnings: WorkbookIssue[];
}

const normalise = (text: string) => text.trim().toLowerCase();

/** The settings the sheet holds; problems go to `log` at their sheet!cell. */
export function readSettings(file: WorkbookFile, log: IssueLog, cells: SettingCells = new Map()): WorkbookSettings {
  const matches = file.sheetNames.filter((name) => normalise(name) === SETTINGS_SHEET);
  if (matches.length === 0) return {};
  const sheet = matches[0];
  if (matches.length > 1) {
    log.errors.push({ sheet, message: `${matches.length} sheets are named ${quoted(SETTINGS_SHEET)}: ${matches.map((m) => quoted(m)).join(', ')}; keep one` });
  }
  const { rows, unreadable } = file.sheet(sheet);
  const headerAt = rows.findIndex((row) => row.values.length > 0);
  if (headerAt === -1) return {};
  const header = rows[headerAt];
  const column = new Map<string, number>();
  header.values.forEach((cell, at) => {
    const name = typeof cell === 'string' ? normalise(cell) : '';
    if ((SETTINGS_COLUMNS as readonly string[]).includes(name) && !column.has(name)) column.set(name, header.columns[at]);
  });
  const missing = SETTINGS_COLUMNS.filter((name) => !column.has(name));
  if (missing.length > 0) {
    log.errors.push({ sheet, message: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the header, row ${header.number}, has ${header.values.map(String).join(', ')})` });
    return {};
  }
  const settingColumn = column.get('setting')!;
  const valueColumn = column.get('value')!;
  const at = (row: number, index: number) => ({ sheet, row, column: columnLetter(index) });
  const settings: WorkbookSettings = {};
  const firstRow = new Map<string, number>();
  for (const row of rows.slice(headerAt + 1)) {
    const nameCell = row.get(settingColumn);
    const valueCell = row.get(valueColumn);
    const unreadableName = unreadable.get(`${columnLetter(settingColumn)}${row.number}`);
    if (unreadableName !== undefined) {
      log.errors.push({ ...at(row.number, settingColumn), message: unreadableName });
      continue;
    }
    if (nameCell === null) {
      if (valueCell !== null) log.errors.push({ ...at(row.number, settingColumn), message: 'setting is blank, but the row has a value: name the setting' });
      continue;
    }
    const name = normalise(String(nameCell));
    if (!KNOWN_SETTINGS.includes(name)) {
      log.warnings.push({ ...at(row.number, settingColumn), message: `setting ${quoted(String(nameCell))} is not one Pathflow knows (it knows ${KNOWN_SETTINGS.join(', ')}): ignored` });
      continue;
    }
    const first = firstRow.get(name);
    if (first !== undefined) {
      log.errors.push({ ...at(row.number, settingColumn), message: `${name} appears twice (also in row ${first}): keep one` });
      continue;
    }
    firstRow.set(name, row.number);
    const unreadableValue = unreadable.get(`${columnLetter(valueColumn)}${row.number}`);
    const read = settingOfCell(name, valueCell, unreadableValue);
    if ('problem' in read) log.errors.push({ ...at(row.number, valueColumn), message: read.problem });
    else {
      Object.assign(settings, read.value);
      for (const field of Object.keys(read.value) as (keyof WorkbookSettings)[]) cells.set(field, { ...at(row.number, valueColumn), message: '' });
    }
  }
  return settings;
}

const BASES_TEXT = COST_BASES.join(' or ');

function settingOfCell(name: string, cell: CellValue, unreadable: string | undefined): { value: WorkbookSettings } | { problem: string } {
  if (name === COST_BASIS_SETTING) {
    const basis = costBasisOfCell(cell, unreadable);
    return 'problem' in basis ? basis : { value: { costBasis: basis.value } };
  }
  if (unreadable !== undefined) return { problem: unreadable };
  if (name === WARMUP_SETTING) {
    const days = cell === null ? { problem: `${WARMUP_SETTING} is blank: it is a whole number of days` } : toNumber(cell, WARMUP_SETTING);
    if ('problem' in days) return days;
    if (!Number.isInteger(days.value) || days.value < 0 || days.value > BOUNDS.horizonDays.max) {
      return { problem: `${WARMUP_SETTING} ${days.value} is not a whole number of days from 0 to ${BOUNDS.horizonDays.max.toLocaleString('en-GB')}` };
    }
    return { value: { warmupDays: days.value } };
  }
  const yes = typeof cell === 'boolean' ? cell : typeof cell === 'string' ? YES_NO[normalise(cell)] : undefined;
  if (yes === undefined) return { problem: `${RESOLVE_DEADLOCKS_SETTING} ${cell === null ? 'is blank' : quoted(String(cell))}: it is TRUE or FALSE` };
  return { value: { resolveDeadlocks: yes } };
}

const YES_NO: Record<string, boolean> = { true: true, yes: true, false: false, no: false };

function costBasisOfCell(cell: CellValue, unreadable: string | undefined): { value: CostBasis } | { problem: string } {
  if (unreadable !== undefined) return { problem: unreadable };
  if (cell === null) return { problem: `${COST_BASIS_SETTING} is blank: it is ${BASES_TEXT}` };
  const text = toText(cell, COST_BASIS_SETTING);
  if ('problem' in text) return { problem: `${text.problem}: it is ${BASES_TEXT}` };
  const basis = COST_BASES.find((b) => b === normalise(text.value));
  return basis ? { value: basis } : { problem: `${COST_BASIS_SETTING} ${quoted(text.value)} is not ${BASES_TEXT}` };
}
