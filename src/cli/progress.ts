/**
 * Progress on stderr: a bar on a terminal, plain lines (every 10 %) in logs and CI.
 */
import { SingleBar, Presets } from 'cli-progress';
import type { RunProgress } from '../engine/run.js';

export interface ProgressReporter {
  update(progress: RunProgress): void;
  stop(): void;
}

export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr, quiet = false): ProgressReporter {
  if (quiet) return { update: () => {}, stop: () => {} };
  if (stream.isTTY) {
    const bar = new SingleBar(
      { stream, format: 'simulating |{bar}| {percentage}% | {value}/{total} replications | {duration_formatted}', hideCursor: true },
      Presets.shades_classic,
    );
    let started = false;
    return {
      update({ replicationsDone, replicationsTotal }) {
        if (!started) {
          bar.start(replicationsTotal, 0);
          started = true;
        }
        bar.update(replicationsDone);
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let lastTenth = -1;
  return {
    update({ replicationsDone, replicationsTotal }) {
      const tenth = Math.floor((10 * replicationsDone) / replicationsTotal);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`progress: ${tenth * 10}% (${replicationsDone}/${replicationsTotal} replications)\n`);
      }
    },
    stop: () => {},
  };
}
