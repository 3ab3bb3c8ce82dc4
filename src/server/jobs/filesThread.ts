/**
 * A job's files made on a worker thread of its own (a run's, a plan's): the server's thread
 * only starts the worker, relays its progress and receives the finished files. Simulating, a
 * plan's searches and formatting the files each held the server's event loop for seconds when
 * done in it, so under load requests timed out and a cancel waited.
 */
import { Worker } from 'node:worker_threads';

/** What a files worker posts: progress (its own shape), then the files or an error. */
export type FilesReply<Progress> = { type: 'progress'; progress: Progress } | { type: 'files'; files: Record<string, Uint8Array> } | { type: 'error'; message: string };

export interface FilesThreadContext<Progress> {
  onProgress?: (progress: Progress) => void;
  /** Aborting ends the worker at once: it holds nothing but memory, so nothing is left half-done. */
  signal?: AbortSignal;
  /** Said when the thread stops without an answer, e.g. "building the run's files". */
  what: string;
}

export function filesOffThread<Request, Progress>(workerFile: URL | string, request: Request, context: FilesThreadContext<Progress>): Promise<Record<string, Uint8Array>> {
  const { signal } = context;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const worker = new Worker(workerFile, { workerData: request });
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
    worker.on('message', (reply: FilesReply<Progress>) => {
      if (reply.type === 'progress') context.onProgress?.(reply.progress);
      else if (reply.type === 'files') end(() => resolve(reply.files));
      else end(() => reject(new Error(reply.message)));
    });
    worker.on('error', (error) => end(() => reject(error)));
    worker.on('exit', (code) => end(() => reject(new Error(`the thread ${context.what} stopped (exit code ${code})`))));
  });
}
