/**
 * A run's files as a job stores them, computed in the calling thread. The server calls it on
 * a worker thread (runFilesThread.ts): building daily.csv and the IPACS statistics takes
 * seconds on a big model, and the server's thread must keep answering requests meanwhile.
 */
import type { Executor } from '../../parallel/workerPool.js';
import type { RunProgress } from '../../engine/run.js';
import type { ModelSpec } from '../../engine/model.js';
import { runToFiles } from '../../app/runToFiles.js';
import type { RunOptions } from './runStore.js';

export const SERVER_MADE_BY = 'the Pathflow team server';

/** The run directory of `model` simulated with `options`, as a job stores it. */
export async function runFilesOf(
  model: ModelSpec,
  options: RunOptions,
  context: { started: string; source: string; executor?: Executor; onProgress?: (progress: RunProgress) => void; signal?: AbortSignal },
): Promise<Record<string, Uint8Array>> {
  const { files } = await runToFiles(
    model,
    { replications: options.replications, seed: options.seed },
    { executor: context.executor?.execute, concurrency: context.executor?.threads, threads: context.executor?.threads, progress: context.onProgress, signal: context.signal, started: context.started, source: context.source, madeBy: SERVER_MADE_BY },
  );
  return files;
}
