/**
 * The work of one run job: the run's model revision simulated and its run directory stored.
 * Whatever process does it, and however many times it is tried, the files are the same
 * bytes: they depend only on the revision, the options and Pathflow's version (the run's
 * own created_at stands for the start time, and the maker is the server, not a machine).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/tables.js';
import type { RunJobHandler } from './jobQueue.js';
import { validateModel, formatModelIssue } from '../../engine/modelSchema.js';
import type { ModelSpec } from '../../engine/model.js';
import { runFilesOffThread } from './runFilesThread.js';
import { planFilesOffThread } from './planFilesThread.js';
import type { PlanOptions } from './planJob.js';
import type { ComponentPlanOptions } from './componentPlanJob.js';
import { attemptFailed, claimRun, finishCancelled, finishFailed, finishSucceeded, isCancelRequested, setProgress, type RunOptions, type RunRow } from './runStore.js';

export { runFilesOf, SERVER_MADE_BY } from './runFiles.js';

/** Tries of a run before it is failed: a worker killed twice in the same run is not a fluke. */
export const DEFAULT_MAX_ATTEMPTS = 3;

export interface RunJobOptions {
  /** Simulation threads for one run, all off the process's own thread (runFilesThread.ts). */
  threads?: number;
  /** The built worker that makes a run's files; tests running the sources pass dist's. */
  workerFile?: URL | string;
  /** The built worker that makes a plan (planFilesThread.ts); tests running the sources pass dist's. */
  planWorkerFile?: URL | string;
  maxAttempts?: number;
  /** How often progress is written and cancellation looked for (at most 4 a second). */
  pollMs?: number;
  log?: (message: string) => void;
}

/** A run's own mistake (its model, its options): trying again would fail the same way. */
class RunRefused extends Error {}

async function loadModel(db: Kysely<Database>, run: RunRow): Promise<{ model: ModelSpec; source: string }> {
  const revision = await db
    .selectFrom('model_revisions')
    .innerJoin('models', 'models.id', 'model_revisions.model_id')
    .select(['model_revisions.spec', 'models.name'])
    .where('model_revisions.model_id', '=', run.model_id)
    .where('model_revisions.revision', '=', run.revision)
    .executeTakeFirst();
  if (!revision) throw new RunRefused(`revision ${run.revision} of model ${run.model_id} was not found`);
  const checked = validateModel(JSON.parse(revision.spec));
  if (!checked.ok) throw new RunRefused(`the model does not pass the schema: ${checked.issues.map(formatModelIssue).join('; ')}`);
  return { model: checked.model, source: `model "${revision.name}" revision ${run.revision} on the team server` };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createRunJobHandler(db: Kysely<Database>, options: RunJobOptions = {}): RunJobHandler {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const pollMs = Math.max(250, options.pollMs ?? 250);
  const log = options.log ?? (() => {});
  return async ({ runId }, stopSignal) => {
    const claim = await claimRun(db, runId);
    if (claim.attempt === undefined) return;
    const { attempt, row } = claim;
    if (attempt > maxAttempts) {
      await finishFailed(db, runId, attempt, `stopped after ${maxAttempts} attempts: each ended before the run finished (the last worker may have been stopped)`);
      return;
    }
    log(`run ${runId}: attempt ${attempt}`);
    const cancelled = new AbortController();
    const signal = AbortSignal.any([cancelled.signal, stopSignal]);
    let progress = 0;
    let written = 0;
    // One timer both writes progress and looks for a cancel request, so neither is done
    // more than 1000/pollMs times a second however quickly tasks finish.
    const poll = setInterval(() => {
      void (async () => {
        if (progress !== written) {
          written = progress;
          await setProgress(db, runId, attempt, progress);
        }
        if (await isCancelRequested(db, runId)) cancelled.abort();
      })().catch((error: unknown) => log(`run ${runId}: progress not written (${messageOf(error)})`));
    }, pollMs);
    try {
      const { model, source } = await loadModel(db, row);
      const files =
        row.kind === 'plan'
          ? await planFilesOffThread(model, JSON.parse(row.options) as PlanOptions | ComponentPlanOptions, {
              source,
              workerFile: options.planWorkerFile,
              signal,
              onProgress: (done, total) => (progress = done / total),
            })
          : await runFilesOffThread(model, JSON.parse(row.options) as RunOptions, {
              started: row.created_at,
              source,
              threads: options.threads,
              workerFile: options.workerFile,
              signal,
              onProgress: (p) => (progress = p.replicationsDone / p.replicationsTotal),
            });
      clearInterval(poll);
      if (!(await finishSucceeded(db, runId, attempt, files))) log(`run ${runId}: attempt ${attempt} was overtaken by another; its files were not stored`);
    } catch (error) {
      clearInterval(poll);
      if (cancelled.signal.aborted) return finishCancelled(db, runId, attempt);
      // Stopped with the process: left for the queue to hand out again (a restarted server, another worker).
      if (stopSignal.aborted) throw error;
      const message = messageOf(error);
      if (error instanceof RunRefused || attempt >= maxAttempts) return finishFailed(db, runId, attempt, message);
      await attemptFailed(db, runId, attempt, message);
      throw error;
    } finally {
      clearInterval(poll);
    }
  };
}
