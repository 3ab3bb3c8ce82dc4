/**
 * Where a command-line run's streamed files are formatted and written, and the main thread's
 * side of the writer thread (outputWriterWorker.ts), which does it for most runs.
 */
import { Worker } from 'node:worker_threads';
import { WORKER_RESOURCE_LIMITS } from '../parallel/threadHeap.js';
import type { ModelSpec } from '../engine/model.js';
import type { ComponentSummary } from '../engine/network/componentSummary.js';
import type { ScenarioKey } from '../engine/scenarios.js';
import { DEFAULT_OUTPUTS, type OutputGroup } from './runOutputs.js';
import { packSummary, type PackedSummary, type ScenarioSummary } from '../engine/summary.js';
import { packComponent, type PackedComponent } from './componentMessage.js';

export type WriterMessage =
  | { type: 'init'; directory: string; model: ModelSpec; keys: ScenarioKey[]; dates: string[]; outputs: OutputGroup[] }
  | { type: 'scenario'; index: number; packed: PackedSummary }
  | { type: 'component'; index: number; packed: PackedComponent }
  | { type: 'finish' };

/** 'taken': the oldest scenario or component message not yet answered is formatted and handed to its files. */
export type WriterReply = { type: 'taken' } | { type: 'done'; files: string[] } | { type: 'error'; message: string };

interface Taking {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** What the run sink (writerSink.ts) hands a run's results to. */
export interface OutputWriter {
  /** Component scenarios received so far, by their index in RunResult.components. */
  readonly components: ComponentSummary[];
  /** Where to write, and what: the keys in the order daily.csv lists the scenarios, and the files chosen. */
  begin(directory: string, model: ModelSpec, keys: ScenarioKey[], outputs?: readonly OutputGroup[]): void;
  /** Scenario `index` (in the order of `keys`) is done; resolves once it is taken. */
  add(index: number, summary: ScenarioSummary): Promise<void>;
  /** Component scenario `index` (in RunResult.components order) is done; resolves once it is taken. */
  addComponent(index: number, summary: ComponentSummary): Promise<void>;
  /** Resolves with the files written once every one is on disk. */
  finish(): Promise<string[]>;
  /** The run failed: stop writing (the staged directory is discarded by the caller). */
  abandon(): Promise<void>;
}

/**
 * The writer for a run of `tasks` tasks (runTaskCount). With more than one, a thread of its
 * own formats each result while the next is simulated. A run of one task (a single component
 * scenario, as each PathSimR case is) has its results only at the end, so a thread would
 * overlap nothing and only cost its start-up, its own compiling of the formatting code and a
 * copy of the summary: the main thread writes them itself (inProcessOutputWriter.ts).
 */
export async function outputWriterFor(tasks: number): Promise<OutputWriter> {
  if (tasks > 1) return new ThreadOutputWriter();
  const { InProcessOutputWriter } = await import('./inProcessOutputWriter.js');
  return new InProcessOutputWriter();
}

export class ThreadOutputWriter implements OutputWriter {
  private readonly worker: Worker;
  private readonly outcome: Promise<string[]>;
  /** Component scenarios received so far, by their index in RunResult.components (the network files are written from them). */
  readonly components: ComponentSummary[] = [];
  /** The scenarios and components posted and not yet taken, oldest first (the thread answers in order). */
  private readonly taking: Taking[] = [];
  private failure: Error | undefined;

  constructor() {
    this.worker = new Worker(new URL('./outputWriterWorker.js', import.meta.url), { resourceLimits: WORKER_RESOURCE_LIMITS });
    this.outcome = new Promise<string[]>((resolve, reject) => {
      const fail = (error: Error) => {
        this.fail(error);
        reject(error);
      };
      this.worker.on('message', (reply: WriterReply) => {
        if (reply.type === 'taken') this.taking.shift()?.resolve();
        else if (reply.type === 'done') resolve(reply.files);
        else fail(new Error(`writing the outputs failed: ${reply.message}`));
      });
      this.worker.on('error', fail);
      this.worker.on('exit', (code) => fail(new Error(`the writer thread stopped (exit code ${code})`)));
    });
    // Settled later by finish(); until then a rejection must not count as unhandled.
    this.outcome.catch(() => {});
  }

  /** Where to write, and what: the keys in the order daily.csv lists the scenarios, and the files chosen. */
  begin(directory: string, model: ModelSpec, keys: ScenarioKey[], outputs: readonly OutputGroup[] = DEFAULT_OUTPUTS): void {
    this.post({ type: 'init', directory, model, keys, dates: model.dates, outputs: [...outputs] });
  }

  /**
   * Scenario `index` (in the order of `keys`) is done; resolves once the thread has taken it.
   * A networked node's rows come from its component (addComponent), which the run hands over
   * right after its nodes' scenarios: the thread would drop the scenario's figures unread, so
   * they are not sent, and the component's message holds the run back in their place.
   */
  add(index: number, summary: ScenarioSummary): Promise<void> {
    if (summary.key.component !== undefined) return this.failure ? Promise.reject(this.failure) : Promise.resolve();
    return this.postTaken({ type: 'scenario', index, packed: packSummary(summary) });
  }

  /**
   * Component scenario `index` (in RunResult.components order) is done. Its networked nodes'
   * daily.csv rows are written from it, and flows.csv and system.csv at the end.
   */
  addComponent(index: number, summary: ComponentSummary): Promise<void> {
    this.components[index] = summary;
    // Cloned, not transferred: detaching a buffer would throw away the main thread's compiled
    // simulator and summaries (V8's ArrayBufferDetaching protector; scenarioWorker.ts).
    return this.postTaken({ type: 'component', index, packed: packComponent(summary) });
  }

  /** Resolves with the files written once every one is on disk. */
  async finish(): Promise<string[]> {
    this.post({ type: 'finish' });
    try {
      return await this.outcome;
    } finally {
      await this.worker.terminate();
    }
  }

  async abandon(): Promise<void> {
    await this.worker.terminate();
  }

  private post(message: WriterMessage): void {
    this.worker.postMessage(message);
  }

  private postTaken(message: WriterMessage): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const taken = new Promise<void>((resolve, reject) => this.taking.push({ resolve, reject }));
    this.post(message);
    return taken;
  }

  /** Nothing more will be taken: every scenario waiting on the thread fails with its error. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.taking.splice(0)) waiting.reject(error);
  }
}
