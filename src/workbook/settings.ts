/**
 * The optional `settings` sheet: choices about a whole model that IPACS workbooks have no
 * place for. A `setting` column names each one and a `value` column holds it. Without the
 * sheet (every IPACS workbook) each setting has IPACS's meaning, so such workbooks read
 * exactly as before.
 */
import { COST_BASES, type CostBasis } from '../engine/model.js';
import { toText, type CellValue } from './cells.js';
import type { WorkbookFile } from './container.js';
import { columnLetter, quoted, type WorkbookIssue } from './issues.js';

export const SETTINGS_SHEET = 'settings';
export const SETTINGS_COLUMNS = ['setting', 'value'] as const;
export const COST_BASIS_SETTING = 'cost_basis';

export interface WorkbookSettings {
  costBasis?: CostBasis;
}

interface IssueLog {
  errors: WorkbookIssue[];
  warnings: WorkbookIssue[];
}

const normalise = (text: string) => text.trim().toLowerCase();

/** The settings the sheet holds; problems go to `log` at their sheet!cell. */
export function readSettings(file: WorkbookFile, log: IssueLog): WorkbookSettings {
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
  let costBasisRow: number | undefined;
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
    if (name !== COST_BASIS_SETTING) {
      log.warnings.push({ ...at(row.number, settingColumn), message: `setting ${quoted(String(nameCell))} is not one Pathflow knows (it knows ${COST_BASIS_SETTING}): ignored` });
      continue;
    }
    if (costBasisRow !== undefined) {
      log.errors.push({ ...at(row.number, settingColumn), message: `${COST_BASIS_SETTING} appears twice (also in row ${costBasisRow}): keep one` });
      continue;
    }
    costBasisRow = row.number;
    const basis = costBasisOfCell(valueCell, unreadable.get(`${columnLetter(valueColumn)}${row.number}`));
    if ('problem' in basis) log.errors.push({ ...at(row.number, valueColumn), message: basis.problem });
    else settings.costBasis = basis.value;
  }
  return settings;
}

const BASES_TEXT = COST_BASES.join(' or ');

function costBasisOfCell(cell: CellValue, unreadable: string | undefined): { value: CostBasis } | { problem: string } {
  if (unreadable !== undefined) return { problem: unreadable };
  if (cell === null) return { problem: `${COST_BASIS_SETTING} is blank: it is ${BASES_TEXT}` };
  const text = toText(cell, COST_BASIS_SETTING);
  if ('problem' in text) return { problem: `${text.problem}: it is ${BASES_TEXT}` };
  const basis = COST_BASES.find((b) => b === normalise(text.value));
  return basis ? { value: basis } : { problem: `${COST_BASIS_SETTING} ${quoted(text.value)} is not ${BASES_TEXT}` };
}
