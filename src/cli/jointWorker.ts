/**
 * Worker thread entry for `pathflow optimise --component --scenario all --threads N`: plans one
 * component scenario at a time. A scenario's plan depends only on its problem and the seed, so
 * it is the same whichever thread makes it.
 */
import { parentPort } from 'node:worker_threads';
import type { JointPlanProblem } from '../engine/network/jointPlan.js';
import { planJoint, toPortableJoint } from '../engine/network/jointSearch.js';

export interface JointJob {
  index: number;
  problem: JointPlanProblem;
}

parentPort!.on('message', (job: JointJob) => {
  try {
    parentPort!.postMessage({ index: job.index, plan: toPortableJoint(planJoint(job.problem)) });
  } catch (error) {
    parentPort!.postMessage({ index: job.index, error: error instanceof Error ? error.message : String(error) });
  }
});
