/**
 * Plans component scenarios on several worker threads, one scenario at a time each, and hands
 * the plans back in the order asked for, so the files are the same for any number of threads.
 */
import { Worker } from 'node:worker_threads';
import type { JointPlanProblem } from '../engine/network/jointPlan.js';
import { fromPortableJoint, type JointPlan, type PortableJointPlan } from '../engine/network/jointSearch.js';
import { interruptSignal, stopIfInterrupted } from './interrupt.js';
import type { JointJob } from './jointWorker.js';

type Reply = { index: number; plan: PortableJointPlan } | { index: number; error: string };

export async function planJointOnThreads(problems: readonly JointPlanProblem[], threads: number, onPlan: (plan: JointPlan) => void): Promise<JointPlan[]> {
  const plans = new Array<JointPlan>(problems.length);
  const workers = Array.from({ length: Math.min(threads, problems.length) }, () => new Worker(new URL('./jointWorker.js', import.meta.url)));
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let done = 0;
      const give = (worker: Worker) => {
        if (next >= problems.length) return;
        const job: JointJob = { index: next, problem: problems[next] };
        next++;
        worker.postMessage(job);
      };
      interruptSignal.addEventListener('abort', () => reject(new Error('interrupted')), { once: true });
      for (const worker of workers) {
        worker.on('error', reject);
        worker.on('message', (reply: Reply) => {
          if ('error' in reply) return reject(new Error(reply.error));
          plans[reply.index] = fromPortableJoint(reply.plan);
          onPlan(plans[reply.index]);
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
