/**
 * One long task in its own Web Worker (a capacity plan, a network plan): the worker posts
 * progress, then its answer or its error; a cancel terminates it at once, so the page never
 * waits for a search to notice. One worker per task, ended when the task is.
 */
import type { WorkerTaskReply } from './workerMessages.js';

/**
 * `createWorker` must call `new Worker(new URL('./x.ts', import.meta.url), ...)` itself: the
 * bundler finds a worker's module only in that literal form.
 */
export function runWorkerTask<Progress, Summary>(
  createWorker: () => Worker,
  message: unknown,
  what: string,
  onProgress?: (progress: Progress) => void,
  signal?: AbortSignal,
): Promise<Summary> {
  return new Promise<Summary>((resolve, reject) => {
    const cancelled = () => new DOMException(`The ${what} was cancelled`, 'AbortError');
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const worker = createWorker();
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<WorkerTaskReply<Progress, Summary>>) => {
      const reply = event.data;
      if (reply.type === 'progress') {
        const { type: _type, ...progress } = reply;
        onProgress?.(progress as Progress);
      } else {
        finish();
        if (reply.type === 'done') resolve(reply.summary);
        else reject(new Error(reply.message));
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(event.message || `the ${what} worker failed`));
    };
    worker.postMessage(message);
  });
}
