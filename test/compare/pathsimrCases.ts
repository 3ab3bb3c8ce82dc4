/**
 * PathSimR's Use Case Library as the comparison reads it: where each case's templates and
 * published tables are, the window and warm-up Pathflow runs it over, and PathSimR's
 * published node time averages.
 *
 * The data is third party (GPL-3) and not in the repository: it is read from ../shared next
 * to the repository root, and whatever needs it skips when it is absent.
 *
 * Shared by scripts/pathsimr-differences.ts and test/compare/pathsimr*.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelSpec } from '../../src/engine/model.js';
import { readCalendarCsv, type CalendarFile } from '../../src/pathsimr/calendarFile.js';
import { importPathsimr } from '../../src/pathsimr/importPathsimr.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PATHSIMR_DATA = path.resolve(repoRoot, '../shared/data/pathsimr');

export interface PathsimrCase {
  /** Folder under PATHSIMR_DATA. */
  id: 'AandE' | 'Stroke' | 'Urology';
  title: string;
  unit: 'hours' | 'days';
  /** The published window (PathSimR's sim_time), in the case's unit. */
  window: number;
  /**
   * Pathflow's warm-up, in the case's unit. PathSimR's is not recorded, but its published
   * levels at time 0 of the window (avg_through_time_uniform) are already near their
   * averages, so it used one. Pathflow's: whole days, at least seven times the longest mean
   * stay, so that every node has settled (A&E: a week for stays of hours; Urology: four
   * weeks for the ward's 4-day stays; Stroke: 180 days for stroke units' 24-day stays).
   */
  warmup: number;
  /**
   * PathSimR's own warm-up modulo its calendars' cycle, in the case's unit, where it can be
   * read from the published tables: it decides how PathSimR splits calendar rows and so how
   * many copies of each capacity event it schedules (pathsimrCapacityEvents.ts). Urology's is
   * 12 hours: the only remainder whose copies give the published levels at the clinics'
   * openings (three patients at once at GP_Ref, H_C and BCT, two at the others; checked by
   * pathsimrCapacityEvents.test.ts).
   */
  warmupRemainder?: number;
  network: string;
  calendar: string;
}

export const PATHSIMR_CASES: PathsimrCase[] = [
  { id: 'AandE', title: 'A&E', unit: 'hours', window: 168, warmup: 168, network: 'A&E_Network_Template.csv', calendar: 'A&E_Calendar_Template.csv' },
  { id: 'Stroke', title: 'Stroke', unit: 'days', window: 365, warmup: 180, network: 'Stroke_Network_Template.csv', calendar: 'Stroke_Calendar_Template.csv' },
  { id: 'Urology', title: 'Urology', unit: 'hours', window: 168, warmup: 672, warmupRemainder: 12, network: 'Urology_Network_Template.csv', calendar: 'Urology_Calendar_Template.csv' },
];

/** Hours or days in a Pathflow day. */
export function unitsPerDay(unit: PathsimrCase['unit']): number {
  return unit === 'hours' ? 24 : 1;
}

export function templatePath(c: PathsimrCase, which: 'network' | 'calendar'): string {
  return path.join(PATHSIMR_DATA, c.id, 'templates', c[which]);
}

function sheetPath(c: PathsimrCase, sheet: string): string {
  return path.join(PATHSIMR_DATA, c.id, 'outputs', 'sheets', `${sheet}.csv`);
}

/** PathSimR's five node time averages (its names), in the order the doc lists them. */
export const PATHSIMR_LEVELS = ['occupancy', 'occ_bed', 'queue', 'delayed', 'transition'] as const;
export type PathsimrLevel = (typeof PATHSIMR_LEVELS)[number];

export const HAVE_PATHSIMR = PATHSIMR_CASES.every(
  (c) => existsSync(templatePath(c, 'network')) && existsSync(templatePath(c, 'calendar')) && PATHSIMR_LEVELS.every((level) => existsSync(sheetPath(c, `avg_${level}_summary`))),
);
export const MISSING_PATHSIMR = `skipped: PathSimR's Use Case Library (third party, not in the repository) not found at ${PATHSIMR_DATA}`;

/** Node -> PathSimR's published mean over its 100 replications, per level. */
export type PublishedLevels = Map<string, Record<PathsimrLevel, number>>;

/** The published `avg_<level>_summary` sheets of a case (two columns: node, value). */
export function readPublished(c: PathsimrCase): PublishedLevels {
  const out: PublishedLevels = new Map();
  for (const level of PATHSIMR_LEVELS) {
    const file = sheetPath(c, `avg_${level}_summary`);
    const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
    if (lines[0] !== `node,avg_${level}`) throw new Error(`${file} line 1: expected "node,avg_${level}", got "${lines[0]}"`);
    lines.slice(1).forEach((line, i) => {
      const [node, text] = line.split(',');
      const value = Number(text);
      if (!node || !Number.isFinite(value)) throw new Error(`${file} line ${i + 2}: expected a node and a number, got "${line}"`);
      const row = out.get(node) ?? ({} as Record<PathsimrLevel, number>);
      row[level] = value;
      out.set(node, row);
    });
  }
  return out;
}

/** The case's PathSimR calendar file, read with Pathflow's importer's reader. */
export function readCaseCalendar(c: PathsimrCase): CalendarFile {
  const file = templatePath(c, 'calendar');
  const read = readCalendarCsv(readFileSync(file, 'utf8'), c.calendar);
  if (!read.calendar || read.problems.length > 0) throw new Error(`${file}: ${read.problems.map((p) => p.message).join('; ')}`);
  return read.calendar;
}

/** The case's model, through Pathflow's importer (its window and warm-up are set by the comparison). */
export function importCase(c: PathsimrCase): ModelSpec {
  const imported = importPathsimr(readFileSync(templatePath(c, 'network'), 'utf8'), readFileSync(templatePath(c, 'calendar'), 'utf8'), {
    unit: c.unit,
    warmup: c.warmup,
    days: Math.round(c.window / unitsPerDay(c.unit)),
    fileNames: { network: c.network, calendar: c.calendar },
  });
  if (!imported.ok) throw new Error(`${c.title}: ${imported.errors.join('; ')}`);
  return imported.model;
}
