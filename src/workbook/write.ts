/**
 * Writes a ModelSpec as an IPACS parameter workbook: the sample's sheets and columns, dates
 * as date cells, and the derived LOS columns (mu, sigma, los_params) filled in, so that the
 * IPACS R model reads the file as well as Pathflow does. Runs in Node and browsers.
 */
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { Cell, Row, Sheet } from 'write-excel-file/universal';
import { fitLos, LosFitError, type LosDistribution } from '../engine/lengthOfStay.js';
import { kindOf, UNRESTRICTED_CAPACITY, type LosScenario, type ModelSpec } from '../engine/model.js';
import { BLOCKED_MEASURE } from './networkLayout.js';
import { COST_BASIS_SETTING, RESOLVE_DEADLOCKS_SETTING, SETTINGS_COLUMNS, SETTINGS_SHEET, WARMUP_SETTING } from './settings.js';
import { networkSheets } from './writeNetwork.js';
import { COLUMNS, DESCRIPTION_COLUMNS, DESCRIPTIONS_SHEET, OCCUPIED_MEASURE, SHEETS, WAITING_MEASURE, type SheetRole } from './layout.js';
import { xlsxParts } from './xlsxParts.js';

/**
 * write-excel-file stamps each zip entry with the time of writing; re-stamping them all with
 * this fixed time makes the same model give the same bytes (so a committed example changes
 * only when its content does). Built from local fields because zip times are local times:
 * the bytes are then the same in every time zone.
 */
const ZIP_TIME = new Date(2000, 0, 1);

export async function writeIpacsWorkbook(model: ModelSpec): Promise<Uint8Array> {
  const sheets = workbookSheets(model);
  const parts = xlsxParts(sheets);
  if (parts) {
    // The library's parts zipped as it zips them (fflate, each part deflated at its default
    // level, in the same order), with the fixed time: the bytes the library's archive restamped has.
    const files: Zippable = {};
    for (const [name, text] of parts) files[name] = strToU8(text);
    return zipSync(files, { mtime: ZIP_TIME });
  }
  return libraryWorkbook(sheets);
}

/** The workbook's sheets, in order, as write-excel-file takes them. */
export function workbookSheets(model: ModelSpec): Sheet<Blob>[] {
  const sheets: Sheet<Blob>[] = [
    sheet('arrivals', arrivalRows(model), { date: 12 }),
    sheet('initial', initialRows(model)),
    sheet('capacity', capacityRows(model)),
    sheet('los', losRows(model), { los_params: 20 }),
    sheet('costs', costRows(model), { community_cost: 15 }),
    // Last, so the IPACS sheets keep their places; only when the model has a setting to keep.
    ...settingsSheets(model),
  ];
  // Only a model with descriptions gets the sheet: a model without writes the same bytes as before.
  const descriptions = descriptionRows(model);
  if (descriptions.length > 0) {
    sheets.push({
      sheet: DESCRIPTIONS_SHEET,
      data: [DESCRIPTION_COLUMNS.map((column) => ({ value: column, type: String, fontWeight: 'bold' as const })), ...descriptions],
      columns: [{ width: 14 }, { width: 60 }],
      stickyRowsCount: 1,
    });
  }
  // After every sheet of an IPACS workbook, and only for a model with a network.
  sheets.push(...networkSheets(model));
  return sheets;
}

/**
 * The workbook as write-excel-file writes it, for sheets xlsxParts does not write (text with
 * characters the library strips). Loaded only then: its modules are most of the writer's start-up.
 */
export async function libraryWorkbook(sheets: Sheet<Blob>[]): Promise<Uint8Array> {
  const { default: writeExcelFile } = await import('write-excel-file/universal');
  const blob = await writeExcelFile(sheets).toBlob();
  const archive = new Uint8Array(await blob.arrayBuffer());
  // The library's archive restamped in place is the archive zipped again, byte for byte (the
  // same fflate deflate of the same entries): unpacking and compressing it a second time took
  // 160-180 ms of a 0.4 s `pathflow import-pathsimr`, fflate's deflate being cold.
  return restamped(archive, ZIP_TIME) ?? zipSync(unzipSync(archive), { mtime: ZIP_TIME });
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/**
 * The archive with every entry's modification time set to `time`, as fflate writes it (a
 * local-time DOS date and time); undefined, and the archive untouched, when it is not laid out
 * as fflate lays it out (no archive comment, each central header pointing at a local one).
 */
function restamped(archive: Uint8Array, time: Date): Uint8Array | undefined {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  const end = archive.byteLength - 22;
  if (end < 0 || view.getUint32(end, true) !== END_OF_CENTRAL_DIRECTORY || view.getUint16(end + 20, true) !== 0) return undefined;
  const entries = view.getUint16(end + 10, true);
  const places: Array<[central: number, local: number]> = [];
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < entries; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_HEADER) return undefined;
    const local = view.getUint32(at + 42, true);
    if (local + 30 > end || view.getUint32(local, true) !== LOCAL_HEADER) return undefined;
    places.push([at, local]);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  if (at !== end) return undefined;
  const stamp = dosTime(time);
  for (const [central, local] of places) {
    view.setUint32(central + 12, stamp, true);
    view.setUint32(local + 10, stamp, true);
  }
  return archive;
}

/** Zip's DOS date and time of a local time, packed as fflate packs it. */
function dosTime(time: Date): number {
  return (
    (((time.getFullYear() - 1980) << 25) | ((time.getMonth() + 1) << 21) | (time.getDate() << 16) | (time.getHours() << 11) | (time.getMinutes() << 5) | (time.getSeconds() >> 1)) >>> 0
  );
}

/**
 * A text cell, stated as text: a name that begins with `=` (a locality called
 * `=HYPERLINK(...)`) is then a string cell, never a formula, and reads back as written. The
 * library types strings as text today; saying so keeps it true whatever it guesses.
 */
function text(value: string): Cell {
  return { value, type: String };
}

function sheet<Role extends SheetRole>(role: Role, rows: Row[], widths: Partial<Record<(typeof COLUMNS)[Role][number], number>> = {}): Sheet<Blob> {
  const columns: readonly string[] = COLUMNS[role];
  return {
    sheet: SHEETS[role],
    data: [columns.map((column) => ({ value: column, type: String, fontWeight: 'bold' as const })), ...rows],
    columns: columns.map((column) => ({ width: (widths as Record<string, number | undefined>)[column] ?? 10 })),
    stickyRowsCount: 1,
  };
}

function settingsSheets(model: ModelSpec): Sheet<Blob>[] {
  const rows: Row[] = [];
  if (model.costBasis !== undefined) rows.push([text(COST_BASIS_SETTING), text(model.costBasis)]);
  if (model.warmupDays !== undefined) rows.push([text(WARMUP_SETTING), model.warmupDays]);
  if (model.resolveDeadlocks !== undefined) rows.push([text(RESOLVE_DEADLOCKS_SETTING), model.resolveDeadlocks]);
  if (rows.length === 0) return [];
  return [
    {
      sheet: SETTINGS_SHEET,
      data: [SETTINGS_COLUMNS.map((column) => ({ value: column, type: String, fontWeight: 'bold' as const })), ...rows],
      columns: [{ width: model.warmupDays === undefined && model.resolveDeadlocks === undefined ? 12 : 18 }, { width: 14 }],
      stickyRowsCount: 1,
    },
  ];
}

/** One row per node, scenario and date, grouped by node then scenario so each series reads top to bottom. */
function arrivalRows(model: ModelSpec): Row[] {
  const dates = model.dates.map((date) => new Date(`${date}T00:00:00Z`));
  return model.nodes.flatMap((node) =>
    node.arrivals.flatMap((scenario) =>
      dates.map((date, day): Row => [
        text(node.id),
        scenario.daily[day],
        text(scenario.name),
        { value: date, type: Date, format: 'yyyy-mm-dd' },
        // The sample's `day` is Excel's WEEKDAY(date): Sunday 1 to Saturday 7.
        date.getUTCDay() + 1,
      ]),
    ),
  );
}

/** Exits hold nobody and have no rows; `blocked` rows only for nodes that have the measure. */
function initialRows(model: ModelSpec): Row[] {
  const held = model.nodes.filter((node) => kindOf(node) !== 'exit');
  return [
    ...held.map((node): Row => [text(node.id), text(WAITING_MEASURE), node.initial.waiting]),
    ...held.map((node): Row => [text(node.id), text(OCCUPIED_MEASURE), node.initial.occupied]),
    ...held.filter((node) => node.initial.blocked !== undefined).map((node): Row => [text(node.id), text(BLOCKED_MEASURE), node.initial.blocked!]),
  ];
}

function capacityRows(model: ModelSpec): Row[] {
  return model.nodes.flatMap((node) =>
    // A spreadsheet cannot hold Infinity: unrestricted capacity is written as a number the engine treats the same way.
    node.capacity.map((scenario): Row => [text(node.id), text(scenario.name), Number.isFinite(scenario.capacity) ? scenario.capacity : UNRESTRICTED_CAPACITY]),
  );
}

function losRows(model: ModelSpec): Row[] {
  return model.nodes.flatMap((node) =>
    node.los.map((los): Row => {
      const fitted = fitOrNothing(los);
      const p1 = kindOf(node) === 'visit';
      return [
        text(node.id),
        los.median ?? null,
        los.sd ?? null,
        p1 ? (los.initialVisitRate ?? null) : null,
        p1 ? (los.finalVisitRate ?? null) : null,
        text(los.name),
        los.mean,
        // What the sample's formula =ROUND(mu, 6) & " , " & ROUND(sigma, 6) shows.
        fitted ? text(`${round6(fitted.mu)} , ${round6(fitted.sigma)}`) : null,
        text(los.family),
        fitted?.mu ?? null,
        fitted?.sigma ?? null,
      ];
    }),
  );
}

/** Exits cost nothing and have no row. */
function costRows(model: ModelSpec): Row[] {
  return model.nodes.filter((node) => kindOf(node) !== 'exit').map((node): Row => [text(node.id), node.costs.community, node.costs.acuteDelay]);
}

/** One row per described scenario name, in the model's order; the first description of a name is the one kept. */
function descriptionRows(model: ModelSpec): Row[] {
  const described = new Map<string, string>();
  for (const node of model.nodes) {
    for (const scenario of [...node.capacity, ...node.los, ...node.arrivals]) {
      if (scenario.description !== undefined && !described.has(scenario.name)) described.set(scenario.name, scenario.description);
    }
  }
  return [...described].map(([name, description]): Row => [text(name), text(description)]);
}

/** The fitted distribution; none when the LOS is invalid (its derived cells stay blank and reading it back says why). */
function fitOrNothing(los: LosScenario): LosDistribution | undefined {
  try {
    return fitLos(los);
  } catch (error) {
    if (error instanceof LosFitError) return undefined;
    throw error;
  }
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
