/**
 * Worker-thread entry: claims scenarios from a shared cursor until none are left
 * (waiting while the cursor's window of unwritten results is full),
 * simulating and summarising each, and posts each summary packed into one array (cloning
 * eighty small arrays per scenario cost more than cloning one).
 *
 * Nothing is transferred, everything is cloned: the first ArrayBuffer a thread detaches
 * invalidates V8's ArrayBufferDetaching protector, which throws away every function the
 * thread has compiled with typed-array accesses (the simulator and the summaries, 60-odd of
 * them) to be compiled again without the assumption. Cloning the few megabytes a task posts
 * costs less: the network example on 2 threads, 8 pairs, 7.66 -> 6.88 CPU s (bench/README, tenth
 * network pass).
 */
import { parentPort } from 'node:worker_threads';
import { isBlockResult, isComponentSummary, runTask } from '../engine/run.js';
import { packSummary } from '../engine/summary.js';
import { NO_PERMIT, TaskCursor } from './taskCursor.js';
import type { BatchReply, BatchRequest } from './workerPool.js';

const port = parentPort!;

port.on('message', ({ batch, tasks, cursor: shared, runEnds }: BatchRequest) => {
  const cursor = new TaskCursor(shared);
  const reply = (message: BatchReply) => port.postMessage(message);
  try {
    // This thread's claimed run: tasks next to end - 1.
    let next = 0;
    let end = 0;
    for (;;) {
      if (next === end) {
        // From the front, as the main thread claims: results then reach the writer thread
        // nearly in daily.csv's order, and only the few another thread is still simulating
        // wait for their turn. Claimed from the back, half of a large run's daily.csv waited,
        // written to a spool and read back.
        const first = cursor.claimFrontRun(runEnds);
        // The run's consumer (the writer thread) is behind: this thread waits rather than
        // pile up summaries nobody can take yet.
        if (first === NO_PERMIT) {
          cursor.waitForPermit();
          continue;
        }
        if (first < 0) break;
        next = first;
        end = first + cursor.claimedLength;
      }
      const index = next++;
      const result = runTask(tasks[index]);
      if (isComponentSummary(result)) {
        reply({ type: 'component', batch, index, summary: result });
        continue;
      }
      if (isBlockResult(result)) {
        // Its replications are in the run's shared memory; only a component block's sparse columns travel.
        reply({ type: 'block', batch, index, block: result });
        continue;
      }
      const packed = packSummary(result);
      reply({ type: 'summary', batch, index, packed });
    }
    reply({ type: 'done', batch });
  } catch (error) {
    cursor.cancel();
    reply({ type: 'error', batch, message: error instanceof Error ? error.message : String(error) });
  }
});
