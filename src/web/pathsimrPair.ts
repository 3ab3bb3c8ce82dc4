/**
 * Two CSV files chosen together as a PathSimR pair: which is the network template and which
 * the calendar (told apart by the calendar's `metric,node,...` header, whatever the files are
 * called), imported with the same code as `pathflow import-pathsimr`.
 */
import type { ModelSpec } from '../engine/model.js';
import { CALENDAR_COLUMNS } from '../pathsimr/calendarFile.js';
import { importPathsimr, type PathsimrUnit } from '../pathsimr/importPathsimr.js';

export interface NamedText {
  name: string;
  text: string;
}

export type PairImport = { ok: true; model: ModelSpec; notes: string[]; source: string } | { ok: false; fileName: string; issues: string[] };

function isCalendar(file: NamedText): boolean {
  const header = (file.text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').split(',').map((cell) => cell.trim().replace(/^"|"$/g, ''));
  return header.join(',') === CALENDAR_COLUMNS.join(',');
}

export function importPair(files: readonly NamedText[], unit: PathsimrUnit): PairImport {
  const names = files.map((file) => file.name).join(' and ') || 'The PathSimR files';
  if (files.length !== 2) {
    return { ok: false, fileName: names, issues: [`choose two files together, the network template and the calendar template; ${files.length === 1 ? 'only one was' : `${files.length} were`} chosen`] };
  }
  const calendars = files.filter(isCalendar);
  if (calendars.length !== 1) {
    const issue =
      calendars.length === 0
        ? `neither file is a calendar template (its first line is ${CALENDAR_COLUMNS.join(',')})`
        : 'both files are calendar templates: choose the network template with one of them';
    return { ok: false, fileName: names, issues: [issue] };
  }
  const calendar = calendars[0];
  const network = files.find((file) => file !== calendar)!;
  const result = importPathsimr(network.text, calendar.text, { unit, fileNames: { network: network.name, calendar: calendar.name } });
  if (!result.ok) return { ok: false, fileName: names, issues: result.errors };
  return { ok: true, model: result.model, notes: result.notes, source: `the PathSimR model ${network.name} with ${calendar.name} (in ${unit})` };
}
