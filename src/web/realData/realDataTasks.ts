/**
 * What the "Real data" view asks of its Web Worker, as plain functions so they can be tested
 * without a browser: read sitrep files, fit an episode extract, backtest a model. Only
 * aggregates come back: the episodes (with their person ids) stay inside the worker.
 */
import { runBacktest, type BacktestResult } from '../../backtest/backtest.js';
import { matchSeries } from '../../backtest/backtestSeries.js';
import { simulateJob } from '../../backtest/backtestJobs.js';
import type { CalibratedParameter } from '../../backtest/simulatedDelays.js';
import type { ModelSpec } from '../../engine/model.js';
import { fitEpisodes, type EpisodeFit } from '../../fit/fitEpisodes.js';
import { FitDataError } from '../../fit/nodeStays.js';
import { readEpisodeFile } from '../../fit/readEpisodes.js';
import type { ObservedRow } from '../../observed/observedSeries.js';
import { importSitrep } from '../../sitrep/importSitrep.js';
import type { SitrepOrg } from '../../sitrep/orgTable.js';
import { readSitrepFile } from '../../sitrep/sitrepFile.js';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** A refusal of the input: every problem, each naming its file and place. */
export interface Refused {
  ok: false;
  problems: string[];
}

export type SitrepOrgsAnswer = { ok: true; orgs: SitrepOrg[]; files: string[] } | Refused;

export interface SitrepData {
  ok: true;
  orgs: SitrepOrg[];
  rows: ObservedRow[];
  model: ModelSpec;
  notes: string;
}

export interface EpisodeFitAnswer {
  ok: true;
  fit: EpisodeFit;
  fileName: string;
}

export interface BacktestAnswer {
  ok: true;
  result: BacktestResult;
  notes: string[];
}

function refusal(error: unknown): Refused {
  if (error instanceof Error && 'problems' in error && Array.isArray(error.problems)) return { ok: false, problems: error.problems.map(String) };
  return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
}

/** The organisations the files hold, ICBs first, for the picker; a file that cannot be read refuses them all. */
export function sitrepOrgs(files: readonly NamedBytes[]): SitrepOrgsAnswer {
  try {
    const held = new Map<string, SitrepOrg>();
    for (const file of files) for (const { org } of readSitrepFile(file.bytes, file.name).orgs) if (!held.has(org.code)) held.set(org.code, org);
    const rank = { icb: 0, trust: 1, region: 2, england: 3 } as const;
    const orgs = [...held.values()].sort((a, b) => rank[a.level] - rank[b.level] || a.code.localeCompare(b.code));
    return { ok: true, orgs, files: files.map((file) => file.name) };
  } catch (error) {
    return refusal(error);
  }
}

export function sitrepData(files: readonly NamedBytes[], orgCodes: readonly string[]): SitrepData | Refused {
  try {
    const imported = importSitrep(files, orgCodes);
    return { ok: true, orgs: imported.orgs, rows: imported.rows, model: imported.skeleton.model, notes: imported.notes };
  } catch (error) {
    return refusal(error);
  }
}

export function episodeFit(file: NamedBytes, seed: number): EpisodeFitAnswer | Refused {
  const read = readEpisodeFile(file.bytes, file.name);
  if (!read.ok) return read;
  if (read.episodes.length === 0) return { ok: false, problems: [`${file.name}: has no episodes, only a header`] };
  try {
    return { ok: true, fit: fitEpisodes(read.episodes, { snapshot: read.snapshot, seed }), fileName: file.name };
  } catch (error) {
    if (error instanceof FitDataError) return { ok: false, problems: [`${file.name}: ${error.message}`] };
    throw error;
  }
}

export interface BacktestRequest {
  model: ModelSpec;
  rows: ObservedRow[];
  /** What the rows came from, to name them in messages. */
  source: string;
  replications: number;
  seed: number;
  calibrate?: CalibratedParameter;
}

/** Simulations run one after another here; `onJob` hears of each, for progress. */
export async function backtest(request: BacktestRequest, onJob: (done: number, total: number) => void = () => {}): Promise<BacktestAnswer | Refused> {
  // The rows have no file lines: messages count them as a file would (header on line 1).
  const matched = matchSeries(request.model, request.rows, { file: request.source, lines: request.rows.map((_, i) => i + 2) });
  if (!matched.ok) return matched;
  let done = 0;
  try {
    const result = await runBacktest(
      request.model,
      matched.series,
      { replications: request.replications, seed: request.seed, calibrate: request.calibrate },
      async (jobs) =>
        jobs.map((job) => {
          const paths = simulateJob(job);
          onJob(++done, jobs.length);
          return paths;
        }),
    );
    return { ok: true, result, notes: [...matched.notes, ...result.notes] };
  } catch (error) {
    return refusal(error);
  }
}
