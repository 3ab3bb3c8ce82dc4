/**
 * `pathflow fit`: an episode extract to a fitted model (model.xlsx), what was fitted
 * (fit.csv), what happened (observed.csv) and a fit report (fit.html). The fitting is
 * src/fit's, which the web app runs too; here are only the files, written all or nothing.
 * Patient-level rows stay in memory: every file written is counts or fitted figures.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { EpisodeFit } from '../fit/fitEpisodes.js';
import { FIT_FILES, fitEpisodeExtract } from '../app/import.js';
import { FORECAST_SIMULATIONS } from '../fit/referralForecast.js';
import { MAX_EPISODE_WORKBOOK_BYTES } from '../fit/episodeSheet.js';
import { UsageError } from './errors.js';
import { stageOutput, type StagedOutput } from './outputDirectory.js';
import { PATHFLOW_VERSION } from './version.js';
import { InputError } from './workbookInput.js';
import { inputFileOf } from './inputFile.js';

export interface FitCommandOptions {
  out?: string;
  snapshot?: string;
  start?: string;
  days: number;
  seed: number;
  suppress: boolean;
}

export { FIT_FILES };

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

export async function fitCommand(episodesPath: string, options: FitCommandOptions): Promise<{ outDir: string; files: string[]; fit: EpisodeFit }> {
  const startedAt = new Date();
  const fileName = basename(episodesPath);
  const data = await readExtract(episodesPath);
  const fitted = await fitEpisodeExtract(data, fileName, { ...options, version: PATHFLOW_VERSION });
  if (!fitted.ok) throw fitted.cause === 'options' ? new UsageError(fitted.problems.join('\n')) : new InputError(fitted.problems);
  const { fit, model } = fitted;
  const outDir = options.out ?? `${fileName.replace(/\.[^.]+$/, '')}-fit`;
  let staged: StagedOutput | undefined;
  try {
    staged = await stageOutput(outDir);
    for (const [name, content] of Object.entries(fitted.files)) {
      if (typeof content === 'string') await staged.write(name, content);
      else {
        await writeFile(join(staged.directory, name), content, { flag: 'wx' });
        staged.record(name);
      }
    }
    const files = [...staged.files(), 'manifest.json'];
    const manifest = {
      pathflow: PATHFLOW_VERSION,
      command: 'fit',
      input: inputFileOf(fileName, data),
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
