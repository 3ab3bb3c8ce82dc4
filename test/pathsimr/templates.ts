/**
 * PathSimR's published templates in ../shared (third-party, GPL-3: read from there, never
 * copied into the repository). Tests that need them skip, saying why, when they are absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { PathsimrUnit } from '../../src/pathsimr/importPathsimr.js';

export const PATHSIMR_DATA = resolve(import.meta.dirname, '../../../shared/data/pathsimr');
export const HAVE_PATHSIMR = existsSync(PATHSIMR_DATA);
export const MISSING_PATHSIMR = `PathSimR's templates are not at ${PATHSIMR_DATA}`;

export interface TemplatePair {
  label: string;
  network: string;
  calendar: string;
  /** The unit PathSimR's documents state (A&E and Urology in hours, Stroke in days; the samples say none, days is taken). */
  unit: PathsimrUnit;
}

export const TEMPLATE_PAIRS: TemplatePair[] = [
  ...[1, 2, 3, 4].map((i) => ({ label: `input_template_${i}`, network: `network_templates/input_template_${i}.csv`, calendar: `network_templates/cal_input_${i}.csv`, unit: 'days' as const })),
  { label: 'A&E', network: 'AandE/templates/A&E_Network_Template.csv', calendar: 'AandE/templates/A&E_Calendar_Template.csv', unit: 'hours' },
  { label: 'Stroke', network: 'Stroke/templates/Stroke_Network_Template.csv', calendar: 'Stroke/templates/Stroke_Calendar_Template.csv', unit: 'days' },
  { label: 'Urology', network: 'Urology/templates/Urology_Network_Template.csv', calendar: 'Urology/templates/Urology_Calendar_Template.csv', unit: 'hours' },
];

export const ERROR_PAIR = { network: 'network_templates/input_template_1 - Error.csv', calendar: 'network_templates/cal_input_1 - Error.csv' };

export function readPair(pair: { network: string; calendar: string }): { networkCsv: string; calendarCsv: string; fileNames: { network: string; calendar: string } } {
  return {
    networkCsv: readFileSync(resolve(PATHSIMR_DATA, pair.network), 'utf8'),
    calendarCsv: readFileSync(resolve(PATHSIMR_DATA, pair.calendar), 'utf8'),
    fileNames: { network: basename(pair.network), calendar: basename(pair.calendar) },
  };
}
