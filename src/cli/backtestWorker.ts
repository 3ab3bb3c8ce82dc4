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
    const paths = simulateJob(job);
    parentPort!.postMessage({ index, plan: paths }, [paths.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ index, error: error instanceof Error ? error.message : String(error) });
  }
});
