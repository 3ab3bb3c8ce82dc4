/**
 * The four CSVs of the IPACS v1 R model, in R's layout, from a Pathflow run: planners'
 * spreadsheets and reports built on R's files take Pathflow's instead, unchanged. They hold
 * the isolated nodes only: a node simulated in a network is in daily.csv and summary.csv.
 *
 * Only the layout is R's: file names, columns and their order, row order, quoting and
 * `write.csv`'s number format. The numbers are Pathflow's: each node's own costs, its wait
 * definition (mean days waited by the patients admitted that day), its day d as the
 * interval (d - 1, d].
 *
 * - `bed_output_using_<name>.csv` (P2, P3): `"date"`, then blocks occ, niq, wait, cost with
 *   a column `<scenario>__<metric>` per scenario; one row per day; means across
 *   replications rounded half to even, cost computed from the unrounded means (Pathflow's
 *   daily cost, niq x acute + occ x community, averaged) and then rounded.
 * - `visit_output_using_<name>.csv` (P1): the same with blocks niq, occ, wait, cost and
 *   means unrounded.
 * - `stochastic_bed_output_using_<name>.csv`: per scenario (`node` = its bed column
 *   position), time 0..H, niq then occ; time t holds day t + 1 and time H repeats day H, as
 *   R's file does; quantiles across replications, the scenario's capacity and its id.
 * - `stochastic_visit_output_using_<name>.csv`: per scenario, days 1..H of niq, then of occ,
 *   then of `waits` (Pathflow's wait), each with the day's date.
 */
import type { Metric } from '../engine/dailyRecord.js';
import type { ModelSpec } from '../engine/model.js';
import type { RunResult } from '../engine/run.js';
import type { ScenarioKey } from '../engine/scenarios.js';
import { QUANTILE_LEVELS, type DailySummary, type ScenarioSummary } from '../engine/summary.js';
import { safeFileStem } from './fileName.js';
import { ipacsColumns } from './ipacsOrder.js';
import { COMMA, encodedTexts, NEWLINE, neutraliseFormula, writeBytes, writeWhole } from './format.js';
import { formatR, MAX_R_NUMBER_BYTES, quoteR, roundHalfEven, writeRAt } from './rFormat.js';

/** Metric blocks of the means files, in R's order (the two files differ). */
export const IPACS_BED_METRICS = ['occ', 'niq', 'wait', 'cost'] as const satisfies readonly Metric[];
export const IPACS_VISIT_METRICS = ['niq', 'occ', 'wait', 'cost'] as const satisfies readonly Metric[];

/**
 * The statistic columns of the stochastic files, in R's order: R's `q5` is the median, and
 * `q05`/`q95` the 5 % and 95 % points.
 */
export const IPACS_STATISTICS = [
  ['q05', 0.05],
  ['q5', 0.5],
  ['q95', 0.95],
  ['mean', null],
  ['q10', 0.1],
  ['q25', 0.25],
  ['q75', 0.75],
  ['q90', 0.9],
  ['q025', 0.025],
  ['q975', 0.975],
] as const;

export const IPACS_STOCHASTIC_BED_COLUMNS = ['node', 'time', 'measure', ...IPACS_STATISTICS.map(([name]) => name), 'capacity', 'node_name'];
export const IPACS_STOCHASTIC_VISIT_COLUMNS = ['day', 'node', ...IPACS_STATISTICS.map(([name]) => name), 'measure', 'date'];

/** The stochastic visit file's measures and the Pathflow metric each one shows. */
const VISIT_MEASURES = [
  ['niq', 'niq'],
  ['occ', 'occ'],
  ['waits', 'wait'],
] as const satisfies readonly (readonly [string, Metric])[];

/** The stochastic bed file's measures, in R's row order. */
const BED_MEASURES = ['niq', 'occ'] as const satisfies readonly Metric[];

export function ipacsFileNames(name: string): { bed: string; visit: string; stochasticBed: string; stochasticVisit: string } {
  return {
    bed: `bed_output_using_${name}.csv`,
    visit: `visit_output_using_${name}.csv`,
    stochasticBed: `stochastic_bed_output_using_${name}.csv`,
    stochasticVisit: `stochastic_visit_output_using_${name}.csv`,
  };
}

/**
 * The IPACS-layout files of a run, as `[file name, content]`: bed means, visit means,
 * stochastic bed, stochastic visit. The visit files are left out when the run has no P1
 * scenario, the bed files when it has no P2 or P3 scenario. `model` supplies the column order
 * (see `ipacsOrder.ts`); `result.name` is ignored in favour of `model.name`.
 */
export function ipacsOutputFiles(model: ModelSpec, result: RunResult): Array<[fileName: string, content: string]> {
  const assembler = new IpacsOutputAssembler(
    model,
    result.scenarios.map((scenario) => scenario.key),
    result.dates,
  );
  for (const scenario of result.scenarios) assembler.add(scenario);
  return assembler.files();
}

/** Where a scenario's formatted stochastic rows (UTF-8) wait for the end of the run. */
export interface RowStore {
  /** `rows` is a view of a buffer the next scenario overwrites: keep a copy, not the view. */
  put(id: string, rows: Uint8Array): void;
}

/** A RowStore in memory: for runs small enough to hold their files as text. */
export class MemoryRowStore implements RowStore {
  private readonly rows = new Map<string, string>();
  private readonly decoder = new TextDecoder();
  put(id: string, rows: Uint8Array): void {
    this.rows.set(id, this.decoder.decode(rows));
  }
  get(id: string): string {
    return this.rows.get(id) as string;
  }
}

/**
 * An IPACS-layout file as it is assembled: `head` (a means file whole, or a stochastic file's
 * header), then the stored rows of `rowsOf`, in that order.
 */
export interface IpacsFileLayout {
  name: string;
  head: string | Uint8Array;
  rowsOf: string[];
}

/**
 * The same files built a scenario at a time: each scenario's long stochastic rows are
 * formatted as it arrives (most of the work) and put in a RowStore, so a writer can do it
 * while the simulation goes on and keep them out of memory; the wide means files, which
 * need every scenario, are formatted at the end from the means kept as numbers.
 */
export class IpacsOutputAssembler {
  private readonly visit: ScenarioKey[];
  private readonly bed: ScenarioKey[];
  private readonly bedPosition = new Map<string, number>();
  /** Each scenario's daily means as its means file shows them (bed means rounded), by metric in that file's order. */
  private readonly means = new Map<string, Float64Array[]>();

  constructor(
    private readonly model: ModelSpec,
    keys: readonly ScenarioKey[],
    private readonly dates: readonly string[],
    private readonly store: RowStore = new MemoryRowStore(),
  ) {
    // A node simulated in a network is not IPACS's model (its beds are held by blocked
    // patients, its arrivals come from other nodes): only isolated nodes go in these files.
    const columns = ipacsColumns(
      model,
      keys.filter((key) => key.component === undefined),
    );
    this.visit = columns.visit;
    this.bed = columns.bed;
    this.bed.forEach((key, position) => this.bedPosition.set(key.id, position));
  }

  /** Formats a scenario's stochastic rows now, so that little is left for the end. */
  add(scenario: ScenarioSummary): void {
    if (scenario.key.component !== undefined) return;
    const { id } = scenario.key;
    const position = this.bedPosition.get(id);
    const bed = position !== undefined;
    // Bed means are whole-number rounded first, as the R model writes them.
    this.means.set(
      id,
      (bed ? IPACS_BED_METRICS : IPACS_VISIT_METRICS).map((metric) => (bed ? roundedHalfEven(scenario.daily[metric].mean) : Float64Array.from(scenario.daily[metric].mean))),
    );
    this.store.put(id, bed ? stochasticBedRows(scenario, position, this.dates.length) : stochasticVisitRows(scenario, this.dates));
  }

  /** The files, in the order `files` gives them, as heads and the stored rows that follow. */
  layout(): IpacsFileLayout[] {
    return [...this.meansLayout(), ...this.stochasticLayout()];
  }

  /** The means files, whole: known only once every scenario is in. */
  meansLayout(): IpacsFileLayout[] {
    const names = this.names();
    const layout: IpacsFileLayout[] = [];
    if (this.bed.length > 0) layout.push({ name: names.bed, head: meansCsv(this.bed, IPACS_BED_METRICS, this.dates, this.means), rowsOf: [] });
    if (this.visit.length > 0) layout.push({ name: names.visit, head: meansCsv(this.visit, IPACS_VISIT_METRICS, this.dates, this.means), rowsOf: [] });
    return layout;
  }

  /**
   * The stochastic files: a header and the stored rows in R's column order. Known from the
   * start, so a store may write the rows of scenarios whose turn has come as they arrive.
   */
  stochasticLayout(): IpacsFileLayout[] {
    const names = this.names();
    const ids = (keys: ScenarioKey[]) => keys.map((key) => key.id);
    const layout: IpacsFileLayout[] = [];
    if (this.bed.length > 0) layout.push({ name: names.stochasticBed, head: headerLine(IPACS_STOCHASTIC_BED_COLUMNS) + '\n', rowsOf: ids(this.bed) });
    if (this.visit.length > 0) layout.push({ name: names.stochasticVisit, head: headerLine(IPACS_STOCHASTIC_VISIT_COLUMNS) + '\n', rowsOf: ids(this.visit) });
    return layout;
  }

  private names(): ReturnType<typeof ipacsFileNames> {
    return ipacsFileNames(safeFileStem(this.model.name));
  }

  /** The files as text; only for an assembler whose rows are in memory (the default store). */
  files(): Array<[fileName: string, content: string]> {
    if (!(this.store instanceof MemoryRowStore)) throw new Error('files() needs the rows in memory: write layout() instead');
    const store = this.store;
    return this.layout().map(({ name, head, rowsOf }) => [name, (typeof head === 'string' ? head : new TextDecoder().decode(head)) + rowsOf.map((id) => store.get(id)).join('')]);
  }
}

/** A text field as `write.csv` quotes it, after the rule every Pathflow CSV applies to text (neutraliseFormula). */
function quoteText(value: string): string {
  return quoteR(neutraliseFormula(value));
}

function headerLine(columns: readonly string[]): string {
  return columns.map(quoteText).join(',');
}

/**
 * A wide file: a row a day, a column per metric and scenario, from the means as they are shown.
 * As UTF-8, each row written into one buffer: the national workbook's bed file has 7,700
 * columns, and concatenating its figures as strings was 1 s of the writer thread's finish,
 * after the simulation, when nothing else was left to run.
 */
function meansCsv(keys: readonly ScenarioKey[], metrics: readonly Metric[], dates: readonly string[], means: ReadonlyMap<string, Float64Array[]>): Uint8Array {
  const series: Float64Array[] = [];
  const columns = ['date'];
  metrics.forEach((metric, m) => {
    for (const key of keys) {
      columns.push(`${key.id}__${metric}`);
      series.push((means.get(key.id) as Float64Array[])[m]);
    }
  });
  const chunks: Uint8Array[] = [encoder.encode(headerLine(columns) + '\n')];
  // A date as R writes a Date, unquoted; the model schema admits only YYYY-MM-DD.
  const dateBytes = encodedTexts(dates);
  const longestDate = dateBytes.reduce((most, date) => Math.max(most, date.length), 0);
  const row = new Uint8Array(longestDate + series.length * (MAX_R_NUMBER_BYTES + 1) + 1);
  for (let d = 0; d < dates.length; d++) {
    let at = writeBytes(row, 0, dateBytes[d]);
    for (let s = 0; s < series.length; s++) {
      row[at++] = COMMA;
      at = writeRAt(row, at, series[s], d);
    }
    row[at++] = NEWLINE;
    chunks.push(row.slice(0, at));
  }
  const file = new Uint8Array(chunks.reduce((bytes, chunk) => bytes + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    file.set(chunk, at);
    at += chunk.length;
  }
  return file;
}

/** A copy rounded by roundHalfEven; a loop, as Float64Array.from's mapping calls cost several times more. */
function roundedHalfEven(values: Float64Array): Float64Array {
  const rounded = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) rounded[i] = roundHalfEven(values[i]);
  return rounded;
}

function quantileRow(summary: DailySummary, level: number): Float64Array {
  const index = (QUANTILE_LEVELS as readonly number[]).indexOf(level);
  if (index < 0) throw new Error(`no ${level} quantile in the run's summaries`);
  return summary.quantiles[index];
}

/** A summary's series in `IPACS_STATISTICS` order: looked up once a scenario, not once a figure. */
function statisticSeries(summary: DailySummary): Float64Array[] {
  // Pushed, not mapped, as the arrays of the row writers below: see stochasticBedRows.
  const series: Float64Array[] = [];
  for (const [, level] of IPACS_STATISTICS) series.push(level === null ? summary.mean : quantileRow(summary, level));
  return series;
}

const encoder = new TextEncoder();

/** Widest row part that is not a name or date: a day or position, a time and ten figures, with their commas. */
const FIGURES_BOUND = 2 * (MAX_R_NUMBER_BYTES + 1) + IPACS_STATISTICS.length * (MAX_R_NUMBER_BYTES + 1) + 2;

/**
 * Rows are written as bytes into one buffer reused from scenario to scenario (the national
 * workbook's stochastic rows are 157 MB), and the store copies what was written (to its spool).
 */
let scratch = new Uint8Array(0);
function scratchOf(bytes: number): Uint8Array {
  if (scratch.length < bytes) scratch = new Uint8Array(bytes);
  return scratch;
}

/** The statistic fields of one day, comma-separated, in `IPACS_STATISTICS` order. */
function writeStatistics(out: Uint8Array, at: number, series: readonly Float64Array[], day: number): number {
  at = writeRAt(out, at, series[0], day);
  for (let s = 1; s < series.length; s++) {
    out[at++] = COMMA;
    at = writeRAt(out, at, series[s], day);
  }
  return at;
}

const BED_MEASURE_FIELDS = BED_MEASURES.map((measure) => encoder.encode(quoteText(measure)));

/** One scenario's rows of the stochastic bed file, as UTF-8, each ending in LF. */
function stochasticBedRows(scenario: ScenarioSummary, position: number, days: number): Uint8Array {
  if (days <= 0) return new Uint8Array(0);
  const tail = encoder.encode(`,${formatR(scenario.key.capacity)},${quoteText(scenario.key.id)}`);
  // A loop, not `.map()`: a mapped array is holey while map runs in the interpreter and packed
  // once V8 inlines it, and the row writers' compiled code was thrown away at the kind it had
  // not met (csv/daily.ts's metricRowsBytes the same: 5 compiles a run of the IPACS sample).
  const series: Float64Array[][] = [];
  for (const measure of BED_MEASURES) series.push(statisticSeries(scenario.daily[measure]));
  const out = scratchOf((days + 1) * BED_MEASURES.length * (FIGURES_BOUND + BED_MEASURE_FIELDS.reduce((most, field) => Math.max(most, field.length), 0) + tail.length + 1));
  let at = 0;
  // R's time t is day t + 1; its last time, H, is never simulated and repeats day H.
  for (let time = 0; time <= days; time++) {
    const day = Math.min(time, days - 1);
    for (let m = 0; m < BED_MEASURES.length; m++) {
      at = writeWhole(out, at, position + 1);
      out[at++] = COMMA;
      at = writeWhole(out, at, time);
      out[at++] = COMMA;
      at = writeBytes(out, at, BED_MEASURE_FIELDS[m]);
      out[at++] = COMMA;
      at = writeStatistics(out, at, series[m], day);
      at = writeBytes(out, at, tail);
      out[at++] = NEWLINE;
    }
  }
  return out.subarray(0, at);
}

/** One scenario's rows of the stochastic visit file, as UTF-8, each ending in LF. */
function stochasticVisitRows(scenario: ScenarioSummary, dates: readonly string[]): Uint8Array {
  const node = encoder.encode(quoteText(scenario.key.id));
  // Pushed, not mapped: see stochasticBedRows.
  const measures: (readonly [label: Uint8Array, series: Float64Array[]])[] = [];
  for (const [measure, metric] of VISIT_MEASURES) measures.push([encoder.encode(quoteText(measure)), statisticSeries(scenario.daily[metric])]);
  let longestLabel = 0;
  for (const [label] of measures) longestLabel = Math.max(longestLabel, label.length);
  const dateBytes = encodedTexts(dates);
  const longestDate = dateBytes.reduce((most, date) => Math.max(most, date.length), 0);
  const out = scratchOf(dates.length * measures.length * (FIGURES_BOUND + node.length + longestLabel + longestDate + 1));
  let at = 0;
  for (const [label, series] of measures) {
    for (let d = 0; d < dates.length; d++) {
      at = writeWhole(out, at, d + 1);
      out[at++] = COMMA;
      at = writeBytes(out, at, node);
      out[at++] = COMMA;
      at = writeStatistics(out, at, series, d);
      out[at++] = COMMA;
      at = writeBytes(out, at, label);
      out[at++] = COMMA;
      // A date as R writes a Date, unquoted.
      at = writeBytes(out, at, dateBytes[d]);
      out[at++] = NEWLINE;
    }
  }
  return out.subarray(0, at);
}
