/**
 * Web Worker entry for the "Plan capacity" view: plans one node with the plan use case
 * `pathflow optimise` runs (src/app/plan.ts, through planSummary.ts) and posts back plain
 * numbers. A search is a chain of decisions, each on the capacities simulated before it, so it
 * runs in this one worker, in its thread; a cancel terminates the worker.
 */
import { planAndSummarise } from './planSummary.js';
import type { PlanWorkerReply, PlanWorkerRequest } from './workerMessages.js';

const post = (reply: PlanWorkerReply) => (self as unknown as Worker).postMessage(reply);

self.onmessage = async (event: MessageEvent<PlanWorkerRequest>) => {
  let capacities = 0;
  let replications = 0;
  const onEvaluated = (simulated: number) => {
    capacities++;
    replications += simulated;
    post({ type: 'progress', capacities, replications });
  };
  try {
    post({ type: 'done', summary: await planAndSummarise(event.data.model, event.data.request, onEvaluated) });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
