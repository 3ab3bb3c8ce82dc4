/** The figures team mode shows of a run, labelled and formatted as the reports do (src/report/content.ts). */
import { HEADLINE_MEASURES } from '../../report/content.js';
import { formatOne } from '../format.js';

export interface Measure {
  column: string;
  label: string;
  format: (x: number) => string;
}

/** Summary.csv columns the reports' headline measures do not label. */
const OTHERS: Measure[] = [{ column: 'mean_occupancy', label: 'Mean occupancy', format: formatOne }];

export function measureOf(column: string): Measure {
  return HEADLINE_MEASURES.find((m) => m.column === column) ?? OTHERS.find((m) => m.column === column) ?? { column, label: column, format: formatOne };
}

/** A run's result table: the headline measures without peak occupancy, which needs its interval to read. */
export const RESULT_MEASURES: Measure[] = HEADLINE_MEASURES.filter((m) => m.column !== 'peak_occupancy');

export const shown = (measure: Measure, x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : measure.format(x));
