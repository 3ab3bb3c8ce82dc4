/**
 * Runs a capacity plan in its own Web Worker (src/web/planWorker.ts), one worker per plan:
 * the page stays responsive, progress arrives per capacity simulated, and a cancel
 * terminates the worker at once.
 */
import type { ModelSpec } from '../engine/model.js';
import type { PlanRequest, PlanSummary } from './planSummary.js';
import type { PlanProgress, PlanWorkerRequest } from './workerMessages.js';
import { runWorkerTask } from './workerTask.js';

export type { PlanProgress };

export function planInWorker(model: ModelSpec, request: PlanRequest, onProgress?: (progress: PlanProgress) => void, signal?: AbortSignal): Promise<PlanSummary> {
  const message: PlanWorkerRequest = { model, request };
  return runWorkerTask<PlanProgress, PlanSummary>(() => new Worker(new URL('./planWorker.ts', import.meta.url), { type: 'module', name: 'pathflow-plan' }), message, 'plan', onProgress, signal);
}
