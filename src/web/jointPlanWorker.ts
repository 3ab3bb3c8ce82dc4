/**
 * Web Worker entry for planning a network component: the plan use case `pathflow optimise
 * --component` runs (src/app/plan.ts, through jointPlanSummary.ts) on one component scenario,
 * posted back as plain numbers. A search is one chain of decisions, each on the vectors
 * simulated before it, so it runs in this one worker, in its thread; a cancel terminates it.
 */
import { planJointAndSummarise } from './jointPlanSummary.js';
import type { JointPlanWorkerReply, JointPlanWorkerRequest } from './workerMessages.js';

const post = (reply: JointPlanWorkerReply) => (self as unknown as Worker).postMessage(reply);

self.onmessage = async (event: MessageEvent<JointPlanWorkerRequest>) => {
  let vectors = 0;
  let replications = 0;
  const onEvaluated = (simulated: number) => {
    vectors++;
    replications += simulated;
    post({ type: 'progress', vectors, replications });
  };
  try {
    post({ type: 'done', summary: await planJointAndSummarise(event.data.model, event.data.request, onEvaluated) });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
