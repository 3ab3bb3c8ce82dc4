/**
 * Comparing Pathflow with the IPACS v1 R model's committed outputs: readers for the R files
 * (and Pathflow's files in the same layout), horizon means, and the agreement criterion.
 * Shared by test/compare/ipacsReference.test.ts and scripts/ipacs-differences.ts.
 *
 * The R outputs are third-party data read from ../shared next to the repository root; they
 * are never copied into the repository. See test/csv/ipacsReference.ts for where they live.
 */
import { studentTQuantile } from '../../src/engine/statistics.js';

/** Replications behind every figure of the R model's reference outputs. */
export const R_REPLICATIONS = 50;

/** Splits a line of R's `write.csv` output (no quoted field holds a comma there) and unquotes it. */
function fields(line: string): string[] {
  return line.split(',').map((field) => (field.startsWith('"') ? field.slice(1, -1) : field));
}

/**
 * A means file in IPACS layout (`bed_output_using_*.csv`, `visit_output_using_*.csv`):
 * `"date"` then one column `<scenario>__<metric>` per scenario and metric, one row per day.
 */
export interface MeansFile {
  dates: string[];
  /** Daily values by `<scenario>__<metric>`. */
  columns: Map<string, Float64Array>;
}

export function parseMeansCsv(text: string): MeansFile {
  const lines = text.trimEnd().split('\n');
  const header = fields(lines[0]);
  if (header[0] !== 'date') throw new Error(`not an IPACS means file: first column is ${header[0]}`);
  const rows = lines.slice(1).map(fields);
  const columns = new Map<string, Float64Array>();
  header.forEach((name, index) => {
    if (index > 0) columns.set(name, Float64Array.from(rows, (row) => Number(row[index])));
  });
  return { dates: rows.map((row) => row[0]), columns };
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** The scenario ids of a means file, in column order (each once). */
export function scenariosOf(file: MeansFile): string[] {
  return [...new Set([...file.columns.keys()].map((name) => name.split('__')[0]))];
}

/** Horizon mean (mean of the daily values) of one scenario's metric in a means file. */
export function horizonMean(file: MeansFile, scenario: string, metric: string): number {
  const column = file.columns.get(`${scenario}__${metric}`);
  if (!column) throw new Error(`no column ${scenario}__${metric}`);
  return mean(column);
}

/** Sum over the horizon of one scenario's metric (total cost from the daily `cost` column). */
export function horizonSum(file: MeansFile, scenario: string, metric: string): number {
  const column = file.columns.get(`${scenario}__${metric}`);
  if (!column) throw new Error(`no column ${scenario}__${metric}`);
  let sum = 0;
  for (const value of column) sum += value;
  return sum;
}

/**
 * The R bed model's stochastic file, reduced to the unrounded daily means of occ and niq
 * (time t is day t + 1; the last time, a copy of the one before, is dropped).
 */
export function parseStochasticBedMeans(text: string, days: number): Map<string, { occ: Float64Array; niq: Float64Array }> {
  const lines = text.trimEnd().split('\n');
  const header = fields(lines[0]);
  const at = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`stochastic bed file has no ${name} column`);
    return index;
  };
  const [timeAt, measureAt, meanAt, nameAt] = [at('time'), at('measure'), at('mean'), at('node_name')];
  const out = new Map<string, { occ: Float64Array; niq: Float64Array }>();
  for (const line of lines.slice(1)) {
    const row = fields(line);
    const time = Number(row[timeAt]);
    if (time >= days) continue;
    const measure = row[measureAt];
    if (measure !== 'occ' && measure !== 'niq') continue;
    let entry = out.get(row[nameAt]);
    if (!entry) {
      entry = { occ: new Float64Array(days), niq: new Float64Array(days) };
      out.set(row[nameAt], entry);
    }
    entry[measure][time] = Number(row[meanAt]);
  }
  return out;
}

/** `summary.csv` rows by scenario id, every field as text. */
export function parseSummaryCsv(text: string): Map<string, Record<string, string>> {
  const [head, ...rows] = text.trimEnd().split('\n');
  const names = head.split(',');
  const out = new Map<string, Record<string, string>>();
  for (const line of rows) {
    // Scenario ids and the other text fields of summary.csv hold no commas.
    const values = line.split(',');
    out.set(values[0], Object.fromEntries(names.map((name, i) => [name, values[i]])));
  }
  return out;
}

/**
 * The replication standard deviation of a horizon figure, recovered from its 95 % interval.
 * summary.csv gives mean ± t_{0.975, N-1} × sd_rep / √N, so
 *   sd_rep = (high95 − low95) / (2 × t_{0.975, N-1}) × √N.
 */
export function sdFromInterval(low95: number, high95: number, replications: number): number {
  if (replications < 2) return NaN;
  return ((high95 - low95) / (2 * studentTQuantile(0.975, replications - 1))) * Math.sqrt(replications);
}

/**
 * Standard error of the difference between Pathflow's mean over `replications` runs and R's
 * mean over its 50, two independent estimates of the same quantity with (by assumption,
 * the same model) the same replication spread sd_rep:
 *   SE = sd_rep × √(1/50 + 1/N).
 */
export function differenceStandardError(sdRep: number, replications: number): number {
  return sdRep * Math.sqrt(1 / R_REPLICATIONS + 1 / replications);
}

/** Within 5 % of R's value, or within 1 patient where values are small. */
export const RELATIVE_TOLERANCE = 0.05;
export const ABSOLUTE_TOLERANCE = 1;
/**
 * How many combined standard errors a difference may reach when R's own noise is the larger
 * allowance. 288 checks are made at once: for a false alarm rate of 5 % over all of them,
 * each may exceed its bound with probability 0.05 / 288 (Bonferroni), a two-sided normal
 * bound of 3.75 standard errors; 4 is that, rounded up. (At 3, about 0.8 of the 288 would
 * be expected to fall outside by chance alone.)
 */
export const NOISE_MULTIPLE = 4;

export interface Agreement {
  r: number;
  pathflow: number;
  difference: number;
  /** The bare allowance: max(5 % of R, 1 patient). */
  tolerance: number;
  /** Combined standard error of the difference (NaN when unknown). */
  se: number;
  /** Within the bare 5 % / 1-patient allowance. */
  withinTolerance: boolean;
  /** Within NOISE_MULTIPLE combined standard errors. */
  withinNoise: boolean;
  /** Either of the two. */
  agrees: boolean;
}

export function agreement(r: number, pathflow: number, sdRep: number, replications: number): Agreement {
  const difference = pathflow - r;
  const tolerance = Math.max(RELATIVE_TOLERANCE * Math.abs(r), ABSOLUTE_TOLERANCE);
  const se = differenceStandardError(sdRep, replications);
  const withinTolerance = Math.abs(difference) <= tolerance;
  const withinNoise = Number.isFinite(se) && Math.abs(difference) <= NOISE_MULTIPLE * se;
  return { r, pathflow, difference, tolerance, se, withinTolerance, withinNoise, agrees: withinTolerance || withinNoise };
}

/** summary.csv's horizon column for a means-file metric. */
export const SUMMARY_COLUMN = { occ: 'mean_occupancy', niq: 'mean_delayed' } as const;

/** sd_rep of a scenario's horizon-mean occ or niq, from summary.csv. */
export function summarySd(summary: Map<string, Record<string, string>>, scenario: string, metric: 'occ' | 'niq'): { sd: number; replications: number } {
  const row = summary.get(scenario);
  if (!row) throw new Error(`summary.csv has no scenario ${scenario}`);
  const column = SUMMARY_COLUMN[metric];
  const replications = Number(row.replications);
  return { sd: sdFromInterval(Number(row[`${column}_low95`]), Number(row[`${column}_high95`]), replications), replications };
}
