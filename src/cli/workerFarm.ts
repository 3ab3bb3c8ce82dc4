/**
 * Hands jobs to a few worker threads, one at a time each as they finish, and gives the results
 * back by job index, so what a command writes is the same for any number of threads. Used by
 * `optimise` (one node a job) and `optimise --component` (one component scenario a job).
 */
import { Worker } from 'node:worker_threads';
import { interruptSignal, stopIfInterrupted } from './interrupt.js';

/** What a worker posts back for job `index`: its result, or the message of what went wrong. */
export type FarmReply<Portable> = { index: number; plan: Portable } | { index: number; error: string };

export async function farmToWorkers<Job, Portable, Result>(
  workerScript: URL,
  count: number,
  threads: number,
  jobOf: (index: number) => Job,
  resultOf: (portable: Portable) => Result,
  onResult: (index: number, result: Result) => void,
): Promise<Result[]> {
  const results = new Array<Result>(count);
  const workers = Array.from({ length: Math.min(threads, count) }, () => new Worker(workerScript));
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let done = 0;
      const give = (worker: Worker) => {
        if (next >= count) return;
        worker.postMessage(jobOf(next));
        next++;
      };
      interruptSignal.addEventListener('abort', () => reject(new Error('interrupted')), { once: true });
      for (const worker of workers) {
        worker.on('error', reject);
        worker.on('message', (reply: FarmReply<Portable>) => {
          if ('error' in reply) return reject(new Error(reply.error));
          results[reply.index] = resultOf(reply.plan);
          onResult(reply.index, results[reply.index]);
          if (++done === count) resolve();
          else give(worker);
        });
        give(worker);
      }
    });
  } catch (error) {
    // An interrupt is reported as run reports it (InterruptedError), not as a failure.
    await stopIfInterrupted();
    throw error;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
