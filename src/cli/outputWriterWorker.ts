/**
 * The writer thread: formats and writes a run's CSV files while the simulation goes on.
 *
 * Formatting 23 MB of CSV takes about a third of a sample run on one thread. Scenario by
 * scenario it can overlap the simulation, on the core the simulation leaves free: daily.csv
 * is streamed in scenario order as summaries arrive (out-of-order arrivals wait their turn),
 * and the IPACS files' long rows are formatted on arrival, the wide ones at the end.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { setPriority } from 'node:os';
import { unpackSummary } from '../engine/summary.js';
import { DAILY_HEADER, dailyCsvBytes } from '../csv/daily.js';
import { IpacsOutputAssembler } from '../csv/ipacs.js';
import { REPLICATIONS_FILE, REPLICATIONS_HEADER, replicationRows } from '../csv/replications.js';
import type { WriterMessage, WriterReply } from './outputWriter.js';

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

let directory = '';
let dates: string[] = [];
let daily: WriteStream | undefined;
let replications: WriteStream | undefined;
let ipacs: IpacsOutputAssembler | undefined;
let nextInOrder = 0;
/** Scenarios formatted ahead of their turn: their daily.csv bytes and replications.csv rows. */
const waiting = new Map<number, { daily: Uint8Array; replications: string }>();
let failed = false;

function reply(message: WriterReply): void {
  parentPort!.postMessage(message);
}

async function handle(message: WriterMessage): Promise<void> {
  switch (message.type) {
    case 'init': {
      directory = message.directory;
      dates = message.dates;
      ipacs = new IpacsOutputAssembler(message.model, message.keys, dates);
      daily = createWriteStream(join(directory, 'daily.csv'));
      daily.write(DAILY_HEADER);
      replications = createWriteStream(join(directory, REPLICATIONS_FILE));
      replications.write(REPLICATIONS_HEADER);
      return;
    }
    case 'scenario': {
      const summary = unpackSummary(message.packed);
      ipacs!.add(summary);
      waiting.set(message.index, { daily: dailyCsvBytes(summary, dates), replications: replicationRows(summary) });
      while (waiting.has(nextInOrder)) {
        const ready = waiting.get(nextInOrder)!;
        daily!.write(ready.daily);
        replications!.write(ready.replications);
        waiting.delete(nextInOrder++);
      }
      return;
    }
    case 'finish': {
      daily!.end();
      replications!.end();
      await Promise.all([once(daily!, 'finish'), once(replications!, 'finish')]);
      const files = ['daily.csv', REPLICATIONS_FILE];
      for (const [name, content] of ipacs!.files()) {
        await writeFile(join(directory, name), content);
        files.push(name);
      }
      reply({ type: 'done', files });
      return;
    }
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
