/**
 * A run sink that holds the run directory in memory, for a run small enough to (the web app's
 * export, the team server's stored runs). The streamed files are made from the whole result at
 * the end: it is in memory anyway, and the bytes are those the command line streams.
 */
import { strToU8 } from 'fflate';
import type { RunResult } from '../engine/run.js';
import type { RunSink } from './run.js';
import { dailyCsvText, runDirectoryContent } from './runDirectory.js';
import type { ModelSpec } from '../engine/model.js';

export class MemoryRunSink implements RunSink {
  private model?: ModelSpec;
  private readonly whole: Record<string, string> = {};
  /** The run directory's files but its manifest, once finished. */
  files: Record<string, Uint8Array> = {};

  begin(model: ModelSpec): void {
    this.model = model;
  }

  addScenario(): void {}

  addComponent(): void {}

  async addFile(name: string, content: string): Promise<void> {
    this.whole[name] = content;
  }

  async finish(result: RunResult): Promise<string[]> {
    if (!this.model) throw new Error('MemoryRunSink.finish before begin');
    const added = Object.fromEntries(Object.entries(this.whole).map(([name, content]) => [name, strToU8(content)]));
    this.files = runDirectoryContent(result, this.model, dailyCsvText(result), added);
    return Object.keys(this.files).filter((name) => !(name in added));
  }
}
