/**
 * Worker thread entry for `pathflow optimise --threads`: plans one node at a time. Nodes
 * are independent and a node's streams depend only on (seed, node, replication), so a plan
 * is the same whichever thread makes it.
 */
import { parentPort } from 'node:worker_threads';
import { planNode, toPortable, type Objective } from '../engine/capacityPlan.js';
import type { CapacityProblem } from '../engine/optimise.js';

export interface OptimiseJob {
  index: number;
  problem: CapacityProblem;
  objective: Objective;
  sensitivity?: number;
}

parentPort!.on('message', (job: OptimiseJob) => {
  try {
    parentPort!.postMessage({ index: job.index, plan: toPortable(planNode(job.problem, job.objective, job.sensitivity)) });
  } catch (error) {
    parentPort!.postMessage({ index: job.index, error: error instanceof Error ? error.message : String(error) });
  }
});
