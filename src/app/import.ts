/**
 * The import use cases: another tool's files in (bytes or text, however the shell got them),
 * a model and the files to keep out. Nothing here reads or writes a disk; a refusal comes back
 * as the problems, each naming its file, sheet, cell or line, so a shell writes nothing.
 */
import type { ModelSpec } from '../engine/model.js';
import { formatModelIssue, validateModel } from '../engine/modelSchema.js';
import { episodeObservedRows } from '../fit/episodeObserved.js';
import { fitEpisodes, type EpisodeFit } from '../fit/fitEpisodes.js';
import { formatFitCsv } from '../fit/fitCsv.js';
import { fitReportHtml } from '../fit/fitReport.js';
import { fittedModel } from '../fit/fittedModel.js';
import { knownAtSnapshot, wholeExtractSeries } from '../fit/knownAtSnapshot.js';
import type { NodeSeries } from '../fit/nodeSeries.js';
import { FitDataError } from '../fit/nodeStays.js';
import { readEpisodeFile } from '../fit/readEpisodes.js';
import { formatObservedCsv } from '../observed/observedCsv.js';
import { importSitrep, type SitrepImport } from '../sitrep/importSitrep.js';
import type { SkeletonOptions } from '../sitrep/sitrepSkeleton.js';
import { SitrepError } from '../sitrep/sitrepGrid.js';
import { writeIpacsWorkbook } from '../workbook/write.js';

export type Imported<T> = ({ ok: true } & T) | { ok: false; problems: string[] };

export const SITREP_OUTPUT_FILES = { observed: 'observed.csv', model: 'model.xlsx', notes: 'sitrep-notes.md' } as const;

/** NHS England discharge sitreps for the chosen organisations: observed.csv, a model workbook to fill in, and notes. */
export async function importSitrepFiles(
  inputs: readonly { name: string; bytes: Uint8Array }[],
  orgCodes: readonly string[],
  options: SkeletonOptions = {},
): Promise<Imported<{ imported: SitrepImport; model: ModelSpec; files: Record<string, Uint8Array> }>> {
  let imported: SitrepImport;
  try {
    imported = importSitrep(inputs, orgCodes, options);
  } catch (error) {
    if (error instanceof SitrepError) return { ok: false, problems: [error.message] };
    throw error;
  }
  const { model } = imported.skeleton;
  const encode = (text: string) => new TextEncoder().encode(text);
  const files = {
    [SITREP_OUTPUT_FILES.observed]: encode(imported.observedCsv),
    [SITREP_OUTPUT_FILES.model]: await writeIpacsWorkbook(model),
    [SITREP_OUTPUT_FILES.notes]: encode(imported.notes),
  };
  return { ok: true, imported, model, files };
}

export { importPathsimrPair } from './importPathsimrPair.js';

/** A refusal of an episode fit: bad input (the extract), or options that cannot be used with it. */
export type FitRefusal = { ok: false; problems: string[]; cause: 'input' | 'options' };

export const FIT_FILES = { model: 'model.xlsx', fit: 'fit.csv', observed: 'observed.csv', report: 'fit.html' } as const;

export interface EpisodeFitOptions {
  /** Fit on what was known then; by default the extract's last date. A calendar date, checked by the shell. */
  snapshot?: string;
  start?: string;
  days?: number;
  seed: number;
  /** Withhold counts of 1 to 4 in every file. */
  suppress: boolean;
  /** Pathflow's version, for fit.html. */
  version: string;
}

/**
 * An episode extract fitted: the model, what was fitted (fit.csv), what happened
 * (observed.csv, the whole extract even when the snapshot is earlier, so a backtest can set
 * the model beside what followed) and the fit report. Patient-level rows stay in memory.
 * Text files as text, the workbook as bytes.
 */
export async function fitEpisodeExtract(
  data: Uint8Array,
  fileName: string,
  options: EpisodeFitOptions,
): Promise<{ ok: true; fit: EpisodeFit; model: ModelSpec; files: Record<string, string | Uint8Array> } | FitRefusal> {
  const fitted = fitOf(data, fileName, options);
  if (!fitted.ok) return fitted;
  const { fit, observed } = fitted;
  const model = fittedModel(fit, fileName.replace(/\.[^.]+$/, ''), options.suppress);
  const checked = validateModel(model);
  if (!checked.ok) throw new Error(`internal: the fitted model is not valid: ${checked.issues.map(formatModelIssue).join('; ')}`);
  const files = {
    [FIT_FILES.model]: await writeIpacsWorkbook(model),
    [FIT_FILES.fit]: formatFitCsv(fit, options.suppress),
    [FIT_FILES.observed]: formatObservedCsv(episodeObservedRows(observed, options.suppress)),
    [FIT_FILES.report]: fitReportHtml({ fit, source: fileName, seed: options.seed, suppress: options.suppress, version: options.version }),
  };
  return { ok: true, fit, model, files };
}

function fitOf(data: Uint8Array, fileName: string, options: EpisodeFitOptions): { ok: true; fit: EpisodeFit; observed: NodeSeries[] } | FitRefusal {
  const read = readEpisodeFile(data, fileName);
  if (!read.ok) return { ok: false, problems: read.problems, cause: 'input' };
  if (read.episodes.length === 0) return { ok: false, problems: [`${fileName}: has no episodes, only a header`], cause: 'input' };
  const snapshot = options.snapshot ?? read.snapshot;
  const known = knownAtSnapshot(read.episodes, snapshot);
  if (known.length === 0) return { ok: false, problems: [`--snapshot ${snapshot} is before the extract's first referral: nothing was known then`], cause: 'options' };
  if (options.start !== undefined && !(options.start > snapshot)) {
    return { ok: false, problems: [`--start ${options.start} must be after the snapshot date ${snapshot}: the model starts from the state at the snapshot`], cause: 'options' };
  }
  try {
    const fit = fitEpisodes(known, { snapshot, start: options.start, days: options.days, seed: options.seed });
    const lastDate = read.snapshot > snapshot ? read.snapshot : snapshot;
    return { ok: true, fit, observed: wholeExtractSeries(read.episodes, fit.firstDay, lastDate) };
  } catch (error) {
    if (error instanceof FitDataError) return { ok: false, problems: [`${fileName}: ${error.message}`], cause: 'input' };
    throw error;
  }
}
