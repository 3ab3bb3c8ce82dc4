/**
 * runFilesOf on a worker thread of its own. Simulating was already off the server's thread;
 * building the files was not, and on the IPACS example it held the server's event loop for
 * over a second per run (daily.csv rows, number formatting, UTF-8 encoding), so under load
 * requests timed out. Now the server's thread only starts the worker, relays its progress and
 * receives the finished files.
 */
import { Worker } from 'node:worker_threads';
import type { ModelSpec } from '../../engine/model.js';
import type { RunProgress } from '../../engine/run.js';
import type { RunOptions } from './runStore.js';

/** What the worker is given (its workerData). */
export interface RunFilesRequest {
  model: ModelSpec;
  options: RunOptions;
  started: string;
  source: string;
  /** Simulation threads, the worker's own included. */
  threads: number;
}

export type RunFilesReply =
  | { type: 'progress'; progress: RunProgress }
  | { type: 'files'; files: Record<string, Uint8Array> }
  | { type: 'error'; message: string };

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
  const { signal } = context;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const request: RunFilesRequest = { model, options, started: context.started, source: context.source, threads: Math.max(1, context.threads ?? 1) };
  const worker = new Worker(context.workerFile ?? DEFAULT_RUN_FILES_WORKER, { workerData: request });
  return new Promise<Record<string, Uint8Array>>((resolve, reject) => {
    const end = (settle: () => void) => {
      signal?.removeEventListener('abort', abort);
      worker.removeAllListeners();
      worker.on('error', () => {});
      // Let go of the thread without waiting for it: its answer, if any, is already here.
      void worker.terminate();
      settle();
    };
    const abort = () => end(() => reject(signal!.reason));
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (reply: RunFilesReply) => {
      if (reply.type === 'progress') context.onProgress?.(reply.progress);
      else if (reply.type === 'files') end(() => resolve(reply.files));
      else end(() => reject(new Error(reply.message)));
    });
    worker.on('error', (error) => end(() => reject(error)));
    worker.on('exit', (code) => end(() => reject(new Error(`the thread building the run's files stopped (exit code ${code})`))));
  });
}
