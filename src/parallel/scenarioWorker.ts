/**
 * Worker-thread entry: claims scenarios from the back of a shared cursor until none are left
 * (waiting while the cursor's window of unwritten results is full),
 * simulating and summarising each, and posts each summary packed into one array (cloning
 * eighty small arrays per scenario cost more than moving one).
 */
import { parentPort } from 'node:worker_threads';
import { transferablesOf } from '../engine/network/componentRun.js';
import { isComponentSummary, isReplicationBlock, runTask } from '../engine/run.js';
import { packSummary } from '../engine/summary.js';
import { NO_PERMIT, TaskCursor } from './taskCursor.js';
import type { BatchReply, BatchRequest } from './workerPool.js';

const port = parentPort!;

port.on('message', ({ batch, tasks, cursor: shared }: BatchRequest) => {
  const cursor = new TaskCursor(shared);
  const reply = (message: BatchReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  try {
    for (;;) {
      const index = cursor.claimBack();
      // The run's consumer (the writer thread) is behind: this thread waits rather than
      // pile up summaries nobody can take yet.
      if (index === NO_PERMIT) {
        cursor.waitForPermit();
        continue;
      }
      if (index < 0) break;
      const result = runTask(tasks[index]);
      if (isComponentSummary(result)) {
        reply({ type: 'component', batch, index, summary: result }, transferablesOf(result));
        continue;
      }
      if (isReplicationBlock(result)) {
        // Its replications are in the run's shared stores; only the sparse columns travel.
        const sparse = new Set([...result.throughputByExit, ...result.blockedByCause, ...result.unchangedValues, ...result.unchangedSupport].map(([, column]) => column.buffer as ArrayBuffer));
        reply({ type: 'block', batch, index, block: result }, [...sparse]);
        continue;
      }
      const packed = packSummary(result);
      reply({ type: 'summary', batch, index, packed }, [packed.values.buffer as ArrayBuffer]);
    }
    reply({ type: 'done', batch });
  } catch (error) {
    cursor.cancel();
    reply({ type: 'error', batch, message: error instanceof Error ? error.message : String(error) });
  }
});
