/**
 * The writer thread: formats and writes a run's CSV files while the simulation goes on.
 *
 * Formatting 23 MB of CSV takes about a third of a sample run on one thread. Scenario by
 * scenario it can overlap the simulation, on the core the simulation leaves free: daily.csv
 * is streamed in scenario order as summaries arrive (out-of-order arrivals wait their turn),
 * and the IPACS files' long rows are formatted on arrival, the wide ones at the end
 * (runOutputFiles.ts). A network component's files are written at the end. Each scenario
 * taken is answered, so the simulation does not run far ahead of the writing (settleWindow.ts).
 */
import { parentPort } from 'node:worker_threads';
import { setPriority } from 'node:os';
import { unpackSummary } from '../engine/summary.js';
import type { WriterMessage, WriterReply } from './outputWriter.js';
import { RunOutputFiles } from './runOutputFiles.js';
import { unpackComponent } from './componentMessage.js';

// The writer's work can wait; the simulation's cannot, and while the run is cold it shares
// the second core with V8 compiling the simulation's hot code. On Linux a thread's nice value
// is its own (setpriority(2), "BUGS"), so this thread steps back and leaves that core to the
// compiler, and formats whenever the core is free; the run's last files wait on it only once
// the simulation is done and both cores are free. 4-8 % off the sample's one-second run.
// Elsewhere the call would lower the whole process, so it is not made.
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // Not allowed here (some containers): the writer simply keeps its priority.
  }
}

let files: RunOutputFiles | undefined;
let failed = false;

function reply(message: WriterReply): void {
  parentPort!.postMessage(message);
}

async function handle(message: WriterMessage): Promise<void> {
  switch (message.type) {
    case 'init':
      files = new RunOutputFiles(message.directory, message.model, message.keys, message.dates, new Set(message.outputs));
      return;
    case 'scenario':
      files!.addScenario(message.index, unpackSummary(message.packed));
      await files!.drained();
      return reply({ type: 'taken' });
    case 'component':
      files!.addComponent(message.index, unpackComponent(message.packed));
      await files!.drained();
      return reply({ type: 'taken' });
    case 'finish':
      reply({ type: 'done', files: await files!.finish() });
      return;
  }
}

// Messages are handled strictly in order: a scenario must not overtake 'init'.
let queue = Promise.resolve();
parentPort!.on('message', (message: WriterMessage) => {
  queue = queue.then(async () => {
    if (failed) return;
    try {
      await handle(message);
    } catch (error) {
      failed = true;
      reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  });
});
