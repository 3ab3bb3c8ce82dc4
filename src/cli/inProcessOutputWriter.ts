/**
 * The writer's work done in the main thread, for a run of one task (outputWriterFor): the
 * same RunOutputFiles the writer thread drives, given the results as they are.
 *
 * PathSimR's cases, 100 replications, on an idle 2-core machine (8 alternating pairs against
 * the writer thread): 40-56 ms less wall and 0.09-0.12 s less CPU (bench/README.md); the IPACS
 * sample's 108 scenarios, by contrast, took 74 ms more wall (se 20) without the thread.
 */
import type { ModelSpec } from '../engine/model.js';
import type { ComponentSummary } from '../engine/network/componentSummary.js';
import type { ScenarioKey } from '../engine/scenarios.js';
import type { ScenarioSummary } from '../engine/summary.js';
import type { OutputWriter } from './outputWriter.js';
import { RunOutputFiles } from './runOutputFiles.js';
import { DEFAULT_OUTPUTS, type OutputGroup } from './runOutputs.js';

export class InProcessOutputWriter implements OutputWriter {
  readonly components: ComponentSummary[] = [];
  private files: RunOutputFiles | undefined;

  begin(directory: string, model: ModelSpec, keys: ScenarioKey[], outputs: readonly OutputGroup[] = DEFAULT_OUTPUTS): void {
    this.files = new RunOutputFiles(directory, model, keys, model.dates, new Set(outputs));
  }

  async add(index: number, summary: ScenarioSummary): Promise<void> {
    // Formatted (and the IPACS files' figures copied) before this returns, so the run sink
    // may empty the summary's daily figures as soon as it has handed it over (writerSink.ts).
    this.started().addScenario(index, summary);
    await this.started().drained();
  }

  async addComponent(index: number, summary: ComponentSummary): Promise<void> {
    this.components[index] = summary;
    this.started().addComponent(index, summary);
    await this.started().drained();
  }

  finish(): Promise<string[]> {
    return this.started().finish();
  }

  async abandon(): Promise<void> {
    // Nothing runs on: what was written is in the staged directory, which the caller discards.
  }

  private started(): RunOutputFiles {
    if (!this.files) throw new Error('the output writer was given results before begin()');
    return this.files;
  }
}
