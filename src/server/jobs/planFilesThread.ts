/**
 * A plan (its searches and its files) on a worker thread of its own, as a run's files are
 * (runFilesThread.ts). A node's search simulates some 15 capacities, each at the plan's
 * replications, in one synchronous chain: on the server's thread it held every request for
 * seconds, and a cancel was seen only between searches. Here a cancel ends the thread at once.
 */
import type { ModelSpec } from '../../engine/model.js';
import type { ComponentPlanOptions } from './componentPlanJob.js';
import type { PlanOptions } from './planJob.js';
import { filesOffThread, type FilesReply } from './filesThread.js';

/** What the worker is given (its workerData). */
export interface PlanFilesRequest {
  model: ModelSpec;
  options: PlanOptions | ComponentPlanOptions;
  source: string;
}

/** Searches done of all the plan makes. */
export interface PlanProgress {
  done: number;
  total: number;
}

export type PlanFilesReply = FilesReply<PlanProgress>;

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
  const request: PlanFilesRequest = { model, options, source: context.source };
  const onProgress = context.onProgress && (({ done, total }: PlanProgress) => context.onProgress!(done, total));
  return filesOffThread(context.workerFile ?? DEFAULT_PLAN_FILES_WORKER, request, { onProgress, signal: context.signal, what: 'making the plan' });
}
