/**
 * Web Worker entry: simulates one task (a scenario, or a component scenario) with the same
 * engine module the CLI runs, and posts back its summary with the buffers transferred (no
 * copy). Imports only the engine, so the worker bundle holds nothing else.
 */
import { transferablesOf } from '../engine/network/componentRun.js';
import { isComponentSummary, runTask, type RunTask } from '../engine/run.js';
import { packSummary } from '../engine/summary.js';

export interface WorkerRequest {
  id: number;
  task: RunTask;
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id, task } = event.data;
  try {
    const result = runTask(task);
    if (isComponentSummary(result)) {
      (self as unknown as Worker).postMessage({ id, component: result }, transferablesOf(result));
      return;
    }
    const packed = packSummary(result);
    (self as unknown as Worker).postMessage({ id, packed }, [packed.values.buffer]);
  } catch (error) {
    (self as unknown as Worker).postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
