/**
 * A plan (its searches and its files) on a worker thread of its own, as a run's files are
 * (runFilesThread.ts). A node's search simulates some 15 capacities, each at the plan's
 * replications, in one synchronous chain: on the server's thread it held every request for
 * seconds, and a cancel was seen only between searches. Here a cancel ends the thread at once.
 */
import { Worker } from 'node:worker_threads';
import type { ModelSpec } from '../../engine/model.js';
import type { ComponentPlanOptions } from './componentPlanJob.js';
import type { PlanOptions } from './planJob.js';

/** What the worker is given (its workerData). */
export interface PlanFilesRequest {
  model: ModelSpec;
  options: PlanOptions | ComponentPlanOptions;
  source: string;
}

export type PlanFilesReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'files'; files: Record<string, Uint8Array> }
  | { type: 'error'; message: string };

/** The built worker beside this module; tests running the TypeScript sources pass dist's. */
export const DEFAULT_PLAN_FILES_WORKER = new URL('./planFilesWorker.js', import.meta.url);

export interface PlanFilesThreadContext {
  source: string;
  /** Searches done of all the plan makes. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting ends the worker at once: it holds nothing but memory, so nothing is left half-done. */
  signal?: AbortSignal;
  workerFile?: URL | string;
}

export function planFilesOffThread(model: ModelSpec, options: PlanOptions | ComponentPlanOptions, context: PlanFilesThreadContext): Promise<Record<string, Uint8Array>> {
  const { signal } = context;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const request: PlanFilesRequest = { model, options, source: context.source };
  const worker = new Worker(context.workerFile ?? DEFAULT_PLAN_FILES_WORKER, { workerData: request });
  return new Promise<Record<string, Uint8Array>>((resolve, reject) => {
    const end = (settle: () => void) => {
      signal?.removeEventListener('abort', abort);
      worker.removeAllListeners();
      worker.on('error', () => {});
      void worker.terminate();
      settle();
    };
    const abort = () => end(() => reject(signal!.reason));
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (reply: PlanFilesReply) => {
      if (reply.type === 'progress') context.onProgress?.(reply.done, reply.total);
      else if (reply.type === 'files') end(() => resolve(reply.files));
      else end(() => reject(new Error(reply.message)));
    });
    worker.on('error', (error) => end(() => reject(error)));
    worker.on('exit', (code) => end(() => reject(new Error(`the thread making the plan stopped (exit code ${code})`))));
  });
}
