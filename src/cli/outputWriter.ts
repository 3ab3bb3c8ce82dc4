/**
 * The main thread's side of the writer thread (outputWriterWorker.ts).
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

export class OutputWriter {
  private readonly worker: Worker;
  private readonly outcome: Promise<string[]>;
  /** Component scenarios received so far, by their index in RunResult.components (the network files are written from them). */
  readonly components: ComponentSummary[] = [];
  /** The scenarios and components posted and not yet taken, oldest first (the thread answers in order). */
  private readonly taking: Taking[] = [];
  private failure: Error | undefined;

  /** Started before the workbook is read, so its module loading overlaps that. */
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
    const packed = packComponent(summary);
    return this.postTaken({ type: 'component', index, packed }, [packed.values.buffer as ArrayBuffer]);
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

  private post(message: WriterMessage, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private postTaken(message: WriterMessage, transfer: ArrayBuffer[] = []): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const taken = new Promise<void>((resolve, reject) => this.taking.push({ resolve, reject }));
    this.post(message, transfer);
    return taken;
  }

  /** Nothing more will be taken: every scenario waiting on the thread fails with its error. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.taking.splice(0)) waiting.reject(error);
  }
}
