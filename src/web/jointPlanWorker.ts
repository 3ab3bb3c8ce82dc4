/**
 * Web Worker entry for planning a network component: the engine's joint search (`planJoint`,
 * as `pathflow optimise --component` runs it) on one component scenario, posted back as plain
 * numbers. A search is one chain of decisions, each on the vectors simulated before it, so it
 * runs in one worker; a cancel terminates the worker. Imports only the engine (through
 * jointPlanSummary.ts).
 */
import type { ModelSpec } from '../engine/model.js';
import { JointEvaluator } from '../engine/network/jointPlan.js';
import { planJointAndSummarise, type JointPlanRequest, type JointPlanSummary } from './jointPlanSummary.js';

export interface JointPlanWorkerRequest {
  model: ModelSpec;
  request: JointPlanRequest;
}

export type JointPlanWorkerReply =
  | { type: 'progress'; vectors: number; replications: number }
  | { type: 'done'; summary: JointPlanSummary }
  | { type: 'error'; message: string };

const post = (reply: JointPlanWorkerReply) => (self as unknown as Worker).postMessage(reply);

// Progress: every vector simulated for the first time, by the search's evaluator or the
// re-pricing one. This wraps the method in this worker only; the engine module itself is
// unchanged and the numbers are the same.
let vectors = 0;
let replications = 0;
const evaluate = JointEvaluator.prototype.evaluate;
JointEvaluator.prototype.evaluate = function (this: JointEvaluator, capacities: readonly number[]) {
  const before = this.evaluations;
  const result = evaluate.call(this, capacities);
  if (this.evaluations > before) {
    vectors++;
    replications += this.problem.replications;
    post({ type: 'progress', vectors, replications });
  }
  return result;
};

self.onmessage = (event: MessageEvent<JointPlanWorkerRequest>) => {
  vectors = 0;
  replications = 0;
  try {
    post({ type: 'done', summary: planJointAndSummarise(event.data.model, event.data.request) });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
