/**
 * Plans nodes on several worker threads, one node at a time each, and hands the plans back
 * in the order asked for, so the output is the same for any number of threads.
 */
import { Worker } from 'node:worker_threads';
import { fromPortable, type NodePlan, type Objective, type PortableNodePlan } from '../engine/capacityPlan.js';
import type { CapacityProblem } from '../engine/optimise.js';
import { interruptSignal, stopIfInterrupted } from './interrupt.js';
import type { OptimiseJob } from './optimiseWorker.js';

type Reply = { index: number; plan: PortableNodePlan } | { index: number; error: string };

export async function planOnThreads(
  problems: readonly CapacityProblem[],
  objective: Objective,
  sensitivity: number | undefined,
  threads: number,
  onPlan: (index: number, plan: NodePlan) => void,
): Promise<NodePlan[]> {
  const plans: NodePlan[] = new Array<NodePlan>(problems.length);
  const workers = Array.from({ length: Math.min(threads, problems.length) }, () => new Worker(new URL('./optimiseWorker.js', import.meta.url)));
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let done = 0;
      const fail = (error: Error) => reject(error);
      const give = (worker: Worker) => {
        if (next >= problems.length) return;
        const job: OptimiseJob = { index: next, problem: problems[next], objective, sensitivity };
        next++;
        worker.postMessage(job);
      };
      interruptSignal.addEventListener('abort', () => fail(new Error('interrupted')), { once: true });
      for (const worker of workers) {
        worker.on('error', fail);
        worker.on('message', (reply: Reply) => {
          if ('error' in reply) return fail(new Error(reply.error));
          plans[reply.index] = fromPortable(reply.plan);
          onPlan(reply.index, plans[reply.index]);
          if (++done === problems.length) resolve();
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
  return plans;
}
