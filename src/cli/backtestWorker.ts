/**
 * Worker thread entry for `pathflow backtest`: simulates one node's replications at a time.
 * A node's numbers depend only on (seed, node, replication), so the paths are the same
 * whichever thread simulates them.
 */
import { parentPort } from 'node:worker_threads';
import { simulateDelays, type DelayJob } from '../backtest/simulatedDelays.js';

export interface BacktestWorkerJob {
  index: number;
  job: DelayJob;
}

parentPort!.on('message', ({ index, job }: BacktestWorkerJob) => {
  try {
    const paths = simulateDelays(job);
    parentPort!.postMessage({ index, plan: paths }, [paths.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ index, error: error instanceof Error ? error.message : String(error) });
  }
});
