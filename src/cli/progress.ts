/**
 * Progress on stderr: a bar on a terminal, plain lines (every 10 %) in logs and CI.
 */
import { createRequire } from 'node:module';
import type * as CliProgress from 'cli-progress';
import type { RunProgress } from '../engine/run.js';

/** cli-progress, loaded only for a bar on a terminal: scripts, logs and CI never pay for it. */
const loadCliProgress = () => createRequire(import.meta.url)('cli-progress') as typeof CliProgress;

export interface ProgressReporter {
  update(progress: RunProgress): void;
  stop(): void;
}

export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr, quiet = false): ProgressReporter {
  if (quiet) return { update: () => {}, stop: () => {} };
  if (stream.isTTY) {
    const { SingleBar, Presets } = loadCliProgress();
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
