/**
 * The command line's run sink: the big files stream from the writer thread into the staged
 * output directory, the whole ones are written there directly, and every one is recorded so
 * the commit and the manifest know it. `--outputs` decides which files are written at all.
 */
import { join } from 'node:path';
import type { RunSink } from '../app/run.js';
import type { ModelSpec } from '../engine/model.js';
import type { RunResult } from '../engine/run.js';
import type { ScenarioSummary } from '../engine/summary.js';
import { METRICS } from '../engine/dailyRecord.js';
import type { OutputWriter } from './outputWriter.js';
import type { StagedOutput } from './outputDirectory.js';
import { writerMakesSummaryCsv, type OutputGroup } from './runOutputs.js';

export interface WriterSinkOptions {
  outputs: ReadonlySet<OutputGroup>;
  /** A report is drawn from the run's result afterwards, so it must keep every daily figure. */
  keepDailyFigures: boolean;
}

/**
 * Once the writer thread has an isolated scenario's daily figures, the main thread needs only
 * its whole-horizon ones (summary.csv), unless a report is drawn from the run: on the national
 * workbook the daily figures are 130 KB a scenario, 370 MB a run. A networked node's stay: its
 * component's message to the writer carries them.
 */
function releaseDailyFigures(summary: ScenarioSummary): void {
  if (summary.key.component !== undefined) return;
  const none = { mean: new Float64Array(0), quantiles: [] };
  for (const metric of METRICS) summary.daily[metric] = none;
  summary.packed = undefined;
}

/** Loaded only when chosen, to keep a plain run's start-up short. */
async function writeSummaryParquetFile(directory: string, result: RunResult, model: ModelSpec): Promise<string> {
  const [{ summaryTable, SUMMARY_TEXT_COLUMNS }, { writeSummaryParquet, SUMMARY_PARQUET_FILE }] = await Promise.all([import('../csv/summary.js'), import('../csv/parquet.js')]);
  const { columns, rows } = summaryTable(result, model);
  writeSummaryParquet(join(directory, SUMMARY_PARQUET_FILE), columns, rows, SUMMARY_TEXT_COLUMNS);
  return SUMMARY_PARQUET_FILE;
}

export function writerSink(writer: OutputWriter, staged: StagedOutput, options: WriterSinkOptions): RunSink {
  let model: ModelSpec | undefined;
  let summaryFromWriter = false;
  return {
    begin: (runModel, keys) => {
      model = runModel;
      summaryFromWriter = writerMakesSummaryCsv(options.outputs, keys);
      writer.begin(staged.directory, runModel, keys, [...options.outputs]);
    },
    addScenario: (index, summary) => {
      const written = writer.add(index, summary);
      if (!options.keepDailyFigures) releaseDailyFigures(summary);
      return written;
    },
    addComponent: (index, summary) => writer.addComponent(index, summary),
    makesSummaryCsv() {
      // Listed where the sink would have written it, first of the whole files; the writer puts
      // it in the staged directory before its finish resolves.
      if (summaryFromWriter) staged.record('summary.csv');
      return summaryFromWriter;
    },
    async addFile(name, content) {
      if (name === 'summary.csv' && !options.outputs.has('summary')) return;
      await staged.write(name, content);
    },
    async finish(result) {
      const names: string[] = [];
      if (options.outputs.has('parquet')) names.push(await writeSummaryParquetFile(staged.directory, result, model!));
      names.push(...(await writer.finish()));
      for (const name of names) staged.record(name);
      return names;
    },
  };
}
