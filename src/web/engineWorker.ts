/**
 * Web Worker entry: simulates one scenario with the same engine module the CLI runs, and
 * posts back the packed summary with its buffer transferred (no copy). Imports only the
 * engine, so the worker bundle holds nothing else.
 */
import { simulateScenario, type ScenarioTask } from '../engine/replications.js';
import { packSummary } from '../engine/summary.js';

export interface WorkerRequest {
  id: number;
  task: ScenarioTask;
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id, task } = event.data;
  try {
    const packed = packSummary(simulateScenario(task));
    (self as unknown as Worker).postMessage({ id, packed }, [packed.values.buffer]);
  } catch (error) {
    (self as unknown as Worker).postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
