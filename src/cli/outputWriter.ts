/**
 * The main thread's side of the writer thread (outputWriterWorker.ts).
 */
import { Worker } from 'node:worker_threads';
import type { ModelSpec } from '../engine/model.js';
import type { ComponentSummary } from '../engine/network/componentSummary.js';
import type { ScenarioKey } from '../engine/scenarios.js';
import { DEFAULT_OUTPUTS, type OutputGroup } from './runOutputs.js';
import { packSummary, type PackedSummary, type ScenarioSummary } from '../engine/summary.js';

export type WriterMessage =
  | { type: 'init'; directory: string; model: ModelSpec; keys: ScenarioKey[]; dates: string[]; outputs: OutputGroup[] }
  | { type: 'scenario'; index: number; packed: PackedSummary }
  | { type: 'component'; index: number; summary: ComponentSummary }
  | { type: 'finish' };

export type WriterReply = { type: 'done'; files: string[] } | { type: 'error'; message: string };

export class OutputWriter {
  private readonly worker: Worker;
  private readonly outcome: Promise<string[]>;
  /** Component scenarios received so far, by their index in RunResult.components (the network files are written from them). */
  readonly components: ComponentSummary[] = [];

  /** Started before the workbook is read, so its module loading overlaps that. */
  constructor() {
    this.worker = new Worker(new URL('./outputWriterWorker.js', import.meta.url));
    this.outcome = new Promise<string[]>((resolve, reject) => {
      this.worker.on('message', (reply: WriterReply) => (reply.type === 'done' ? resolve(reply.files) : reject(new Error(`writing the outputs failed: ${reply.message}`))));
      this.worker.on('error', reject);
      this.worker.on('exit', (code) => reject(new Error(`the writer thread stopped (exit code ${code})`)));
    });
    // Settled later by finish(); until then a rejection must not count as unhandled.
    this.outcome.catch(() => {});
  }

  /** Where to write, and what: the keys in the order daily.csv lists the scenarios, and the files chosen. */
  begin(directory: string, model: ModelSpec, keys: ScenarioKey[], outputs: readonly OutputGroup[] = DEFAULT_OUTPUTS): void {
    this.post({ type: 'init', directory, model, keys, dates: model.dates, outputs: [...outputs] });
  }

  /** Scenario `index` (in the order of `keys`) is done. */
  add(index: number, summary: ScenarioSummary): void {
    this.post({ type: 'scenario', index, packed: packSummary(summary) });
  }

  /**
   * Component scenario `index` (in RunResult.components order) is done. Its networked nodes'
   * daily.csv rows are written from it, and flows.csv and system.csv at the end.
   */
  addComponent(index: number, summary: ComponentSummary): void {
    this.components[index] = summary;
    this.post({ type: 'component', index, summary });
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
}
