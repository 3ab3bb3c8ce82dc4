/**
 * Web Worker entry for the "Plan capacity" view: plans one node with the engine's own
 * capacity planner (`planNode`, the module `pathflow optimise` runs) and posts back plain
 * numbers. A search is a chain of decisions, each on the capacities simulated before it, so
 * it runs in one worker; a cancel terminates the worker. Imports only the engine (through
 * planSummary.ts).
 */
import { CapacityEvaluator } from '../engine/optimise.js';
import type { ModelSpec } from '../engine/model.js';
import { planAndSummarise, type PlanRequest, type PlanSummary } from './planSummary.js';

export interface PlanWorkerRequest {
  model: ModelSpec;
  request: PlanRequest;
}

export type PlanWorkerReply =
  | { type: 'progress'; capacities: number; replications: number }
  | { type: 'done'; summary: PlanSummary }
  | { type: 'error'; message: string };

const post = (reply: PlanWorkerReply) => (self as unknown as Worker).postMessage(reply);

// Progress: every capacity simulated for the first time, by any evaluator (the search's and
// the sensitivity's variants), is reported. This wraps the method in this worker only; the
// engine module itself is unchanged and the numbers are the same.
let capacities = 0;
let replications = 0;
const evaluate = CapacityEvaluator.prototype.evaluate;
CapacityEvaluator.prototype.evaluate = function (this: CapacityEvaluator, capacity: number) {
  const fresh = !this.has(capacity);
  const result = evaluate.call(this, capacity);
  if (fresh) {
    capacities++;
    replications += this.problem.replications;
    post({ type: 'progress', capacities, replications });
  }
  return result;
};

self.onmessage = (event: MessageEvent<PlanWorkerRequest>) => {
  capacities = 0;
  replications = 0;
  try {
    post({ type: 'done', summary: planAndSummarise(event.data.model, event.data.request) });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
