/**
 * `pathflow fit`: an episode extract to a fitted model (model.xlsx), what was fitted
 * (fit.csv), what happened (observed.csv) and a fit report (fit.html). The fitting is
 * src/fit's, which the web app runs too; here are only the files, written all or nothing.
 * Patient-level rows stay in memory: every file written is counts or fitted figures.
 */
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { formatModelIssue, validateModel } from '../engine/modelSchema.js';
import { episodeObservedRows } from '../fit/episodeObserved.js';
import { fitEpisodes, type EpisodeFit } from '../fit/fitEpisodes.js';
import { formatFitCsv } from '../fit/fitCsv.js';
import { fitReportHtml } from '../fit/fitReport.js';
import { fittedModel } from '../fit/fittedModel.js';
import { knownAtSnapshot, wholeExtractSeries } from '../fit/knownAtSnapshot.js';
import type { NodeSeries } from '../fit/nodeSeries.js';
import { FitDataError } from '../fit/nodeStays.js';
import { FORECAST_SIMULATIONS } from '../fit/referralForecast.js';
import { MAX_EPISODE_WORKBOOK_BYTES } from '../fit/episodeSheet.js';
import { readEpisodeFile } from '../fit/readEpisodes.js';
import { formatObservedCsv } from '../observed/observedCsv.js';
import { writeIpacsWorkbook } from '../workbook/write.js';
import { UsageError } from './errors.js';
import { stageOutput, type StagedOutput } from './outputDirectory.js';
import { PATHFLOW_VERSION } from './version.js';
import { InputError } from './workbookInput.js';

export interface FitCommandOptions {
  out?: string;
  snapshot?: string;
  start?: string;
  days: number;
  seed: number;
  suppress: boolean;
}

export const FIT_FILES = { model: 'model.xlsx', fit: 'fit.csv', observed: 'observed.csv', report: 'fit.html' } as const;

/** What a planner must know before using the workbook, on stderr beside the files line. */
export function fitNotes(fit: EpisodeFit, suppress: boolean): string[] {
  const notes = ['capacities are inferred from the most people in service at once in the last 8 weeks, and costs are 0: check both in model.xlsx (see fit.html)'];
  const borrowed = fit.nodes.filter((node) => node.stays.borrowedFrom !== undefined).map((node) => node.series.node);
  if (borrowed.length > 0) notes.push(`too few completed stays for a length of stay of their own, so their pathway's is used: ${borrowed.join(', ')}`);
  if (!suppress) notes.push('--no-suppress: counts of 1 to 4 people are in the files; keep them inside your organisation');
  return notes;
}

async function readExtract(path: string): Promise<Uint8Array> {
  const info = await stat(path).catch(() => undefined);
  if (!info || !info.isFile()) throw new InputError([`${path}: no such file`]);
  if (info.size > MAX_EPISODE_WORKBOOK_BYTES) throw new InputError([`${basename(path)}: ${(info.size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_EPISODE_WORKBOOK_BYTES / 1024 / 1024} MB limit for an episode extract`]);
  const data = await readFile(path);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * The fit, on what was known at the snapshot (by default the extract's last date). A snapshot
 * before the extract's end holds out what came later; observed.csv keeps the whole extract, so
 * the backtest can set the fitted model beside what followed.
 */
function fitOf(data: Uint8Array, fileName: string, options: FitCommandOptions): { fit: EpisodeFit; observed: NodeSeries[] } {
  const read = readEpisodeFile(data, fileName);
  if (!read.ok) throw new InputError(read.problems);
  if (read.episodes.length === 0) throw new InputError([`${fileName}: has no episodes, only a header`]);
  // The command line has checked --snapshot is a calendar date.
  const snapshot = options.snapshot ?? read.snapshot;
  const known = knownAtSnapshot(read.episodes, snapshot);
  if (known.length === 0) throw new UsageError(`--snapshot ${snapshot} is before the extract's first referral: nothing was known then`);
  if (options.start !== undefined && !(options.start > snapshot)) {
    throw new UsageError(`--start ${options.start} must be after the snapshot date ${snapshot}: the model starts from the state at the snapshot`);
  }
  try {
    const fit = fitEpisodes(known, { snapshot, start: options.start, days: options.days, seed: options.seed });
    const lastDate = read.snapshot > snapshot ? read.snapshot : snapshot;
    return { fit, observed: wholeExtractSeries(read.episodes, fit.firstDay, lastDate) };
  } catch (error) {
    if (error instanceof FitDataError) throw new InputError([`${fileName}: ${error.message}`]);
    throw error;
  }
}

export async function fitCommand(episodesPath: string, options: FitCommandOptions): Promise<{ outDir: string; files: string[]; fit: EpisodeFit }> {
  const startedAt = new Date();
  const fileName = basename(episodesPath);
  const data = await readExtract(episodesPath);
  const { fit, observed } = fitOf(data, fileName, options);
  const name = fileName.replace(/\.[^.]+$/, '');
  const model = fittedModel(fit, name, options.suppress);
  const checked = validateModel(model);
  if (!checked.ok) throw new Error(`internal: the fitted model is not valid: ${checked.issues.map(formatModelIssue).join('; ')}`);
  const outDir = options.out ?? `${name}-fit`;
  let staged: StagedOutput | undefined;
  try {
    staged = await stageOutput(outDir);
    await writeFile(join(staged.directory, FIT_FILES.model), await writeIpacsWorkbook(model), { flag: 'wx' });
    staged.record(FIT_FILES.model);
    await staged.write(FIT_FILES.fit, formatFitCsv(fit, options.suppress));
    await staged.write(FIT_FILES.observed, formatObservedCsv(episodeObservedRows(observed, options.suppress)));
    await staged.write(FIT_FILES.report, fitReportHtml({ fit, source: fileName, seed: options.seed, suppress: options.suppress, version: PATHFLOW_VERSION }));
    const files = [...staged.files(), 'manifest.json'];
    const manifest = {
      pathflow: PATHFLOW_VERSION,
      command: 'fit',
      input: { file: fileName, sha256: createHash('sha256').update(data).digest('hex'), bytes: data.byteLength },
      seed: options.seed >>> 0,
      // The forecast intervals' simulations: what `runs` is to a run.
      runs: FORECAST_SIMULATIONS,
      snapshot: fit.snapshot,
      suppressSmallCounts: options.suppress,
      nodes: fit.nodes.map((node) => node.series.node),
      days: fit.horizonDays,
      firstDate: model.dates[0],
      lastDate: model.dates[model.dates.length - 1],
      started: startedAt.toISOString(),
      node: process.version,
      files,
    };
    await staged.write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
    await staged.commit();
    return { outDir, files, fit };
  } catch (error) {
    await staged?.discard();
    throw error;
  }
}
