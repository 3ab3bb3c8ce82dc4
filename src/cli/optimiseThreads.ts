/**
 * Plans nodes on several worker threads, one node at a time each, and hands the plans back
 * in the order asked for, so the output is the same for any number of threads.
 */
import { fromPortable, type NodePlan, type Objective, type PortableNodePlan } from '../engine/capacityPlan.js';
import type { CapacityProblem } from '../engine/optimise.js';
import type { OptimiseJob } from './optimiseWorker.js';
import { farmToWorkers } from './workerFarm.js';

export async function planOnThreads(
  problems: readonly CapacityProblem[],
  objective: Objective,
  sensitivity: number | undefined,
  threads: number,
  onPlan: (index: number, plan: NodePlan) => void,
): Promise<NodePlan[]> {
  return farmToWorkers<OptimiseJob, PortableNodePlan, NodePlan>(
    new URL('./optimiseWorker.js', import.meta.url),
    problems.length,
    threads,
    (index) => ({ index, problem: problems[index], objective, sensitivity }),
    fromPortable,
    onPlan,
  );
}
