/**
 * CSV text for planners' spreadsheets: RFC 4180 quoting, and numbers with enough digits
 * for analysis but not the noise of seventeen.
 */

import type { ScenarioKey } from '../engine/scenarios.js';

/** The columns that identify a scenario, first in daily.csv and summary.csv alike. */
export const SCENARIO_COLUMNS = ['scenario', 'node', 'pathway', 'locality', 'capacity_scenario', 'los_scenario', 'arrival_scenario'] as const;

export function scenarioFields(key: ScenarioKey): string[] {
  return [key.id, key.node, key.pathway, key.locality, key.capacityScenario, key.losScenario, key.arrivalScenario];
}

/** Quotes a field when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRow(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

const DECIMALS = 4;
const SCALE = 10 ** DECIMALS;
/** `.0001` ... `.9999` with trailing zeros dropped (and '' for 0), indexed by the fraction in ten-thousandths. */
const FRACTIONS = Array.from({ length: SCALE }, (_, fraction) => (fraction === 0 ? '' : '.' + String(fraction).padStart(DECIMALS, '0').replace(/0+$/, '')));

/**
 * A number rounded to 4 decimal places (halves upwards, as Math.round rounds them),
 * without trailing zeros; NaN and infinities become empty cells (NA), which spreadsheets
 * read as blanks. Built from a whole number and a table of fractions: this runs for every
 * figure of daily.csv, and turning a fractional double into text is several times slower.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  const scaled = Math.round(value * SCALE);
  if (!Number.isSafeInteger(scaled)) return String(scaled / SCALE);
  const negative = scaled < 0;
  const magnitude = negative ? -scaled : scaled;
  const whole = Math.floor(magnitude / SCALE);
  const fraction = magnitude - whole * SCALE;
  if (negative && (whole !== 0 || fraction !== 0)) return '-' + whole + FRACTIONS[fraction];
  return whole + FRACTIONS[fraction];
}
