/**
 * Plans component scenarios on several worker threads, one scenario at a time each, and hands
 * the plans back in the order asked for, so the files are the same for any number of threads.
 */
import type { JointPlanProblem } from '../engine/network/jointPlan.js';
import { fromPortableJoint, type JointPlan, type PortableJointPlan } from '../engine/network/jointSearch.js';
import type { JointJob } from './jointWorker.js';
import { farmToWorkers } from './workerFarm.js';

export async function planJointOnThreads(problems: readonly JointPlanProblem[], threads: number, onPlan: (plan: JointPlan) => void): Promise<JointPlan[]> {
  return farmToWorkers<JointJob, PortableJointPlan, JointPlan>(
    new URL('./jointWorker.js', import.meta.url),
    problems.length,
    threads,
    (index) => ({ index, problem: problems[index] }),
    fromPortableJoint,
    (_index, plan) => onPlan(plan),
  );
}
