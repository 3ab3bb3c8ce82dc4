/**
 * Web Worker entry: simulates one task (a scenario, or a component scenario) with the same
 * engine module the CLI runs, and posts back its summary with the buffers transferred (no
 * copy). Imports only the engine, so the worker bundle holds nothing else.
 */
import { transferablesOf } from '../engine/network/componentRun.js';
import { isBlockResult, isComponentSummary, runTask } from '../engine/run.js';
import { packSummary } from '../engine/summary.js';
import type { EngineWorkerReply, EngineWorkerRequest } from './workerMessages.js';

const post = (reply: EngineWorkerReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(reply, transfer);

self.onmessage = (event: MessageEvent<EngineWorkerRequest>) => {
  const { id, task } = event.data;
  try {
    const result = runTask(task);
    if (isComponentSummary(result)) {
      post({ id, component: result }, transferablesOf(result));
      return;
    }
    if (isBlockResult(result)) {
      post({ id, block: result });
      return;
    }
    const packed = packSummary(result);
    post({ id, packed }, [packed.values.buffer]);
  } catch (error) {
    post({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
