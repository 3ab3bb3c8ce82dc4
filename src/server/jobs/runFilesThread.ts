/**
 * runFilesOf on a worker thread of its own. Simulating was already off the server's thread;
 * building the files was not, and on the IPACS example it held the server's event loop for
 * over a second per run (daily.csv rows, number formatting, UTF-8 encoding), so under load
 * requests timed out. Now the server's thread only starts the worker, relays its progress and
 * receives the finished files.
 */
import type { ModelSpec } from '../../engine/model.js';
import type { RunProgress } from '../../engine/run.js';
import type { RunOptions } from './runStore.js';
import { filesOffThread, type FilesReply } from './filesThread.js';

/** What the worker is given (its workerData). */
export interface RunFilesRequest {
  model: ModelSpec;
  options: RunOptions;
  started: string;
  source: string;
  /** Simulation threads, the worker's own included. */
  threads: number;
}

export type RunFilesReply = FilesReply<RunProgress>;

/** The built worker beside this module; tests running the TypeScript sources pass dist's. */
export const DEFAULT_RUN_FILES_WORKER = new URL('./runFilesWorker.js', import.meta.url);

export interface RunFilesThreadContext {
  started: string;
  source: string;
  threads?: number;
  onProgress?: (progress: RunProgress) => void;
  /** Aborting ends the worker at once: it holds nothing but memory, so nothing is left half-done. */
  signal?: AbortSignal;
  workerFile?: URL | string;
}

export function runFilesOffThread(model: ModelSpec, options: RunOptions, context: RunFilesThreadContext): Promise<Record<string, Uint8Array>> {
  const request: RunFilesRequest = { model, options, started: context.started, source: context.source, threads: Math.max(1, context.threads ?? 1) };
  return filesOffThread(context.workerFile ?? DEFAULT_RUN_FILES_WORKER, request, { onProgress: context.onProgress, signal: context.signal, what: "building the run's files" });
}
