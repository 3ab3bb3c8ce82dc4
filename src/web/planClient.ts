/**
 * Runs a capacity plan in its own Web Worker (src/web/planWorker.ts), one worker per plan:
 * the page stays responsive, progress arrives per capacity simulated, and a cancel
 * terminates the worker at once.
 */
import type { ModelSpec } from '../engine/model.js';
import type { PlanRequest, PlanSummary } from './planSummary.js';
import type { PlanWorkerReply, PlanWorkerRequest } from './planWorker.js';

export interface PlanProgress {
  capacities: number;
  replications: number;
}

export function planInWorker(model: ModelSpec, request: PlanRequest, onProgress?: (progress: PlanProgress) => void, signal?: AbortSignal): Promise<PlanSummary> {
  return new Promise<PlanSummary>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The plan was cancelled', 'AbortError'));
      return;
    }
    const worker = new Worker(new URL('./planWorker.ts', import.meta.url), { type: 'module', name: 'pathflow-plan' });
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(new DOMException('The plan was cancelled', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<PlanWorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') onProgress?.({ capacities: reply.capacities, replications: reply.replications });
      else {
        finish();
        if (reply.type === 'done') resolve(reply.summary);
        else reject(new Error(reply.message));
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(event.message || 'the planning worker failed'));
    };
    const message: PlanWorkerRequest = { model, request };
    worker.postMessage(message);
  });
}
