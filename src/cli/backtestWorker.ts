/**
 * Worker thread entry for `pathflow backtest`: simulates one node's (or network component's)
 * replications at a time. Their numbers depend only on (seed, node, replication), so the paths are the same
 * whichever thread simulates them.
 */
import { parentPort } from 'node:worker_threads';
import { simulateJob, type BacktestJob } from '../backtest/backtestJobs.js';

export interface BacktestWorkerJob {
  index: number;
  job: BacktestJob;
}

parentPort!.on('message', ({ index, job }: BacktestWorkerJob) => {
  try {
    // Cloned, not transferred: the first buffer a thread detaches invalidates V8's
    // ArrayBufferDetaching protector, and every function it compiled with typed-array access is
    // thrown away and compiled again (see bench/README.md, the tenth network pass).
    parentPort!.postMessage({ index, plan: simulateJob(job) });
  } catch (error) {
    parentPort!.postMessage({ index, error: error instanceof Error ? error.message : String(error) });
  }
});
