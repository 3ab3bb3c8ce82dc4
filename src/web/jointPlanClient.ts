/**
 * Runs a network plan in its own Web Worker (src/web/jointPlanWorker.ts), one worker per plan:
 * the page stays responsive, progress arrives per capacity vector simulated, and a cancel
 * terminates the worker at once.
 */
import type { ModelSpec } from '../engine/model.js';
import type { JointPlanRequest, JointPlanSummary } from './jointPlanSummary.js';
import type { JointPlanWorkerReply, JointPlanWorkerRequest } from './jointPlanWorker.js';

export interface JointPlanProgress {
  vectors: number;
  replications: number;
}

export function planJointInWorker(model: ModelSpec, request: JointPlanRequest, onProgress?: (progress: JointPlanProgress) => void, signal?: AbortSignal): Promise<JointPlanSummary> {
  return new Promise<JointPlanSummary>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The plan was cancelled', 'AbortError'));
      return;
    }
    const worker = new Worker(new URL('./jointPlanWorker.ts', import.meta.url), { type: 'module', name: 'pathflow-joint-plan' });
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(new DOMException('The plan was cancelled', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<JointPlanWorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') onProgress?.({ vectors: reply.vectors, replications: reply.replications });
      else {
        finish();
        if (reply.type === 'done') resolve(reply.summary);
        else reject(new Error(reply.message));
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(event.message || 'the network planning worker failed'));
    };
    const message: JointPlanWorkerRequest = { model, request };
    worker.postMessage(message);
  });
}
