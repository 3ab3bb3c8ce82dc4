/**
 * The work of one run job: the run's model revision simulated and its run directory stored.
 * Whatever process does it, and however many times it is tried, the files are the same
 * bytes: they depend only on the revision, the options and Pathflow's version (the run's
 * own created_at stands for the start time, and the maker is the server, not a machine).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/tables.js';
import type { RunJobHandler } from './jobQueue.js';
import type { Executor } from '../../parallel/workerPool.js';
import { validateModel, formatModelIssue } from '../../engine/modelSchema.js';
import type { RunProgress } from '../../engine/run.js';
import type { ModelSpec } from '../../engine/model.js';
import { runToFiles } from '../../app/runToFiles.js';
import { planFilesOf, type PlanOptions } from './planJob.js';
import { attemptFailed, claimRun, finishCancelled, finishFailed, finishSucceeded, isCancelRequested, setProgress, type RunOptions, type RunRow } from './runStore.js';

export const SERVER_MADE_BY = 'the Pathflow team server';

/** Tries of a run before it is failed: a worker killed twice in the same run is not a fluke. */
export const DEFAULT_MAX_ATTEMPTS = 3;

export interface RunJobOptions {
  /** Simulation threads for one run. */
  threads?: number;
  /** How runs are simulated; default: worker threads on dist/ (see defaultExecutor). */
  createExecutor?: (threads: number) => Executor | Promise<Executor>;
  maxAttempts?: number;
  /** How often progress is written and cancellation looked for (at most 4 a second). */
  pollMs?: number;
  log?: (message: string) => void;
}

/** Worker threads only, so the process's event loop (a server's requests, a queue's polling) is never blocked by simulation. */
async function defaultExecutor(threads: number): Promise<Executor> {
  const { createExecutor } = await import('../../parallel/workerPool.js');
  return createExecutor(threads, { mainThreadSimulates: false });
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

/** The run directory of `model` simulated with `options`, as a job stores it. */
export async function runFilesOf(
  model: ModelSpec,
  options: RunOptions,
  context: { started: string; source: string; executor?: Executor; onProgress?: (progress: RunProgress) => void; signal?: AbortSignal },
): Promise<Record<string, Uint8Array>> {
  const { files } = await runToFiles(
    model,
    { replications: options.replications, seed: options.seed },
    { executor: context.executor?.execute, concurrency: context.executor?.threads, progress: context.onProgress, signal: context.signal, started: context.started, source: context.source, madeBy: SERVER_MADE_BY },
  );
  return files;
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
    let executor: Executor | undefined;
    try {
      const { model, source } = await loadModel(db, row);
      executor = await (options.createExecutor ?? defaultExecutor)(options.threads ?? 1);
      const files =
        row.kind === 'plan'
          ? await planFilesOf(model, JSON.parse(row.options) as PlanOptions, { source, signal, onProgress: (done, total) => (progress = done / total) })
          : await runFilesOf(model, JSON.parse(row.options) as RunOptions, {
              started: row.created_at,
              source,
              executor,
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
      await executor?.close();
    }
  };
}
