/**
 * Reads an episode extract (docs/episodes.md) into episodes, or refuses it with every problem
 * at once, each at its row and column: an analyst fixing an extract by hand should not have to
 * run the reader once per mistake.
 */
import { toIsoDate, type CellValue } from '../workbook/cells.js';
import { EPISODE_COLUMNS, EPISODE_PATHWAYS, episodeNode, REQUIRED_EPISODE_COLUMNS, type Episode, type EpisodeColumn, type EpisodePathway } from './episode.js';
import { xlsxEpisodeTable } from './episodeSheet.js';
import { cellPlace, csvEpisodeTable, rowPlace, type EpisodeTable, type EpisodeTableRow } from './episodeTable.js';

export interface ReadEpisodesOptions {
  /**
   * The extract date, yyyy-mm-dd: the last day the extract covers, taken at its end (someone
   * with no end date was still in service when that day ended). Default: the latest date in
   * the file.
   */
  snapshot?: string;
}

export type EpisodesRead = { ok: true; episodes: Episode[]; snapshot: string } | { ok: false; problems: string[] };

/** Past this many, the rest are counted rather than listed: a wrong file is not worth 10,000 lines. */
export const MAX_LISTED_PROBLEMS = 200;

const DATE_COLUMNS = ['referred', 'started', 'ended'] as const;
type DateColumn = (typeof DATE_COLUMNS)[number];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ZIP_OR_OLE = [
  [0x50, 0x4b],
  [0xd0, 0xcf, 0x11, 0xe0],
];

/**
 * A file's bytes, whichever form: a workbook (an .xlsx, or a legacy .xls refused by name) by
 * its first bytes, anything else as UTF-8 CSV text.
 */
export function readEpisodeFile(data: Uint8Array, fileName: string, options: ReadEpisodesOptions = {}): EpisodesRead {
  const workbook = ZIP_OR_OLE.some((signature) => signature.every((byte, i) => data[i] === byte));
  if (workbook) {
    const read = xlsxEpisodeTable(data, fileName);
    return read.ok ? readEpisodes(read.table, fileName, options) : { ok: false, problems: read.problems };
  }
  return readEpisodes(new TextDecoder().decode(data), fileName, options);
}

/** CSV text, or a table already taken from a sheet (episodeSheet.ts). */
export function readEpisodes(source: EpisodeTable | string, fileName: string, options: ReadEpisodesOptions = {}): EpisodesRead {
  let table: EpisodeTable;
  if (typeof source === 'string') {
    const read = csvEpisodeTable(source, fileName);
    if (!read.ok) return { ok: false, problems: read.problems };
    table = read.table;
  } else table = source;
  if (options.snapshot !== undefined && !isIsoDate(options.snapshot)) {
    return { ok: false, problems: [`the snapshot date "${options.snapshot}" is not a date written yyyy-mm-dd`] };
  }
  const [header, ...body] = table.rows;
  if (!header) return { ok: false, problems: [`${fileName}: is empty; expected a header row ${EPISODE_COLUMNS.join(',')}`] };
  const columns = headerColumns(header, table, fileName);
  if (!columns.ok) return { ok: false, problems: columns.problems };
  const rows = body.filter((row) => row.cells.some((cell) => cell !== null));
  if (rows.length === 0) return { ok: false, problems: [`${fileName}: has a header but no episodes`] };

  const problems: RowProblem[] = [];
  const keys: EpisodeKey[] = [];
  const episodes = rows.flatMap((row) => readRow(row, columns.index, table, fileName, problems, keys) ?? []);
  problems.push(...duplicateProblems(keys, table, fileName));
  const snapshot = options.snapshot ?? latestDate(episodes);
  if (options.snapshot !== undefined) problems.push(...afterSnapshotProblems(episodes, columns.index, snapshot, table, fileName));
  // Row by row, left to right, as the analyst goes down the file.
  if (problems.length > 0) return { ok: false, problems: listed(problems.sort((a, b) => a.row - b.row || a.column - b.column).map((problem) => problem.text)) };
  return { ok: true, episodes, snapshot };
}

interface RowProblem {
  row: number;
  /** 0-based; -1 for the row as a whole. */
  column: number;
  text: string;
}

/** What makes an episode itself: one person's referral on one day. */
interface EpisodeKey {
  personId: string;
  referred: string;
  row: number;
}

type HeaderRead = { ok: true; index: Map<EpisodeColumn, number> } | { ok: false; problems: string[] };

/** Header names as people type them: any case, spaces, hyphens or underscores between words. */
export function normaliseColumnName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, '_');
}

function headerColumns(header: EpisodeTableRow, table: EpisodeTable, fileName: string): HeaderRead {
  const index = new Map<EpisodeColumn, number>();
  const problems: string[] = [];
  header.cells.forEach((cell, column) => {
    if (cell === null) return;
    const name = normaliseColumnName(String(cell)) as EpisodeColumn;
    if (!EPISODE_COLUMNS.includes(name)) return; // other columns of an extract are left alone
    const earlier = index.get(name);
    if (earlier !== undefined) problems.push(`${cellPlace(fileName, table, header.row, column, name)}: a second "${name}" column; keep one`);
    else index.set(name, column);
  });
  const missing = REQUIRED_EPISODE_COLUMNS.filter((name) => !index.has(name));
  if (missing.length > 0) {
    problems.unshift(`${rowPlace(fileName, table, header.row)}: the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((name) => `"${name}"`).join(', ')}`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, index };
}

function readRow(row: EpisodeTableRow, index: Map<EpisodeColumn, number>, table: EpisodeTable, fileName: string, problems: RowProblem[], keys: EpisodeKey[]): Episode | undefined {
  const found: RowProblem[] = [];
  const problem = (name: EpisodeColumn, text: string) => {
    const column = index.get(name) ?? 0;
    found.push({ row: row.row, column, text: `${cellPlace(fileName, table, row.row, column, name)}: ${text}` });
  };
  const cell = (name: EpisodeColumn): CellValue => {
    const column = index.get(name);
    return column === undefined ? null : (row.cells[column] ?? null);
  };
  const text = (name: EpisodeColumn, required: boolean): string => {
    const value = cell(name);
    if (value === null) {
      if (required) problem(name, `is empty; every episode needs a ${name}`);
      return '';
    }
    return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  };
  const date = (name: DateColumn, required: boolean): string | undefined => {
    const value = cell(name);
    if (value === null) {
      if (required) problem(name, `is empty; every episode needs the date it was ${name}`);
      return undefined;
    }
    const converted = readDate(value, table);
    if ('problem' in converted) problem(name, converted.problem);
    return 'value' in converted ? converted.value : undefined;
  };

  const personId = text('person_id', true);
  const locality = text('locality', true);
  const pathwayText = text('pathway', true);
  const pathway = pathwayOf(pathwayText);
  if (pathwayText !== '' && !pathway) problem('pathway', `"${pathwayText}" is not a pathway; write P1, P2 or P3`);
  const referred = date('referred', true);
  const started = date('started', false);
  const ended = date('ended', false);
  if (referred && started && started < referred) problem('started', `${started} is before the referral on ${referred}`);
  if (started && ended && ended < started) problem('ended', `${ended} is before the start on ${started}`);
  if (ended && cell('started') === null) problem('ended', `the stay ended on ${ended} but has no start date; fill in started`);
  const outcome = text('outcome', false);
  if (personId !== '' && referred) keys.push({ personId, referred, row: row.row });
  if (found.length > 0 || !pathway || !referred) {
    problems.push(...found);
    return undefined;
  }
  const episode: Episode = { personId, locality, pathway, node: episodeNode(pathway, locality), referred, outcome, row: row.row };
  if (started) episode.started = started;
  if (ended) episode.ended = ended;
  return episode;
}

/** `P1`, `p1`, `P 1`: the pathway, or undefined. */
function pathwayOf(text: string): EpisodePathway | undefined {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  return EPISODE_PATHWAYS.find((pathway) => pathway === compact);
}

/** A CSV cell is text, so only written dates; a sheet may hold date cells or serial numbers too. */
function readDate(value: Exclude<CellValue, null>, table: EpisodeTable): { value: string } | { problem: string } {
  if (table.sheet === undefined) {
    const converted = toIsoDate(value, 'date', false);
    return 'value' in converted ? converted : { problem: `"${String(value)}" is not a date; write yyyy-mm-dd or dd/mm/yyyy` };
  }
  const converted = toIsoDate(value, 'the cell', table.epoch1904 ?? false);
  return 'value' in converted ? converted : { problem: converted.problem.replace(/^the cell /, '') };
}

function duplicateProblems(episodes: EpisodeKey[], table: EpisodeTable, fileName: string): RowProblem[] {
  const first = new Map<string, EpisodeKey>();
  const problems: RowProblem[] = [];
  for (const episode of episodes) {
    const key = JSON.stringify([episode.personId, episode.referred]);
    const earlier = first.get(key);
    if (earlier) {
      problems.push({
        row: episode.row,
        column: -1,
        text: `${rowPlace(fileName, table, episode.row)}: duplicate episode: person_id "${episode.personId}" referred on ${episode.referred} is already at row ${earlier.row}`,
      });
    } else first.set(key, episode);
  }
  return problems;
}

function afterSnapshotProblems(episodes: Episode[], index: Map<EpisodeColumn, number>, snapshot: string, table: EpisodeTable, fileName: string): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const episode of episodes) {
    for (const name of DATE_COLUMNS) {
      const date = episode[name];
      if (date !== undefined && date > snapshot) {
        const column = index.get(name) ?? 0;
        problems.push({ row: episode.row, column, text: `${cellPlace(fileName, table, episode.row, column, name)}: ${date} is after the snapshot date ${snapshot}` });
      }
    }
  }
  return problems;
}

function latestDate(episodes: Episode[]): string {
  let latest = '';
  for (const episode of episodes) {
    for (const name of DATE_COLUMNS) {
      const date = episode[name];
      if (date !== undefined && date > latest) latest = date;
    }
  }
  return latest;
}

function listed(problems: string[]): string[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_LISTED_PROBLEMS), `... and ${problems.length - MAX_LISTED_PROBLEMS} more problems`];
}

function isIsoDate(text: string): boolean {
  return ISO_DATE.test(text) && 'value' in toIsoDate(text, 'date', false);
}
