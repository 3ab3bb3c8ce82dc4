/**
 * Runs a network plan in its own Web Worker (src/web/jointPlanWorker.ts), one worker per plan:
 * the page stays responsive, progress arrives per capacity vector simulated, and a cancel
 * terminates the worker at once.
 */
import type { ModelSpec } from '../engine/model.js';
import type { JointPlanRequest, JointPlanSummary } from './jointPlanSummary.js';
import type { JointPlanProgress, JointPlanWorkerRequest } from './workerMessages.js';
import { runWorkerTask } from './workerTask.js';

export type { JointPlanProgress };

export function planJointInWorker(model: ModelSpec, request: JointPlanRequest, onProgress?: (progress: JointPlanProgress) => void, signal?: AbortSignal): Promise<JointPlanSummary> {
  const message: JointPlanWorkerRequest = { model, request };
  return runWorkerTask<JointPlanProgress, JointPlanSummary>(() => new Worker(new URL('./jointPlanWorker.ts', import.meta.url), { type: 'module', name: 'pathflow-joint-plan' }), message, 'plan', onProgress, signal);
}
