/**
 * A run's streamed CSV files (daily.csv, replications.csv, the IPACS-layout files, and for a
 * run with networks flows.csv and system.csv), assembled as results arrive in any order and
 * written in the run's order. The writer thread (outputWriterWorker.ts) drives it.
 *
 * A networked node's daily.csv rows need its component's summary (its network metrics), so
 * they are formatted when the component arrives, whether or not the node's scenario summary
 * came first on its own.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import type { ModelSpec } from '../engine/model.js';
import type { ComponentSummary } from '../engine/network/componentSummary.js';
import type { ScenarioKey } from '../engine/scenarios.js';
import type { ScenarioSummary } from '../engine/summary.js';
import { DAILY_HEADER, dailyCsvBytes, networkDailyCsvBytes } from '../csv/daily.js';
import { IpacsOutputAssembler } from '../csv/ipacs.js';
import { networkOutputFiles } from '../csv/networkFiles.js';
import { REPLICATIONS_FILE, REPLICATIONS_HEADER, replicationRows } from '../csv/replications.js';

interface Formatted {
  daily: Uint8Array;
  replications: string;
}

export class RunOutputFiles {
  private readonly daily: WriteStream;
  private readonly replications: WriteStream;
  private readonly ipacs: IpacsOutputAssembler;
  private readonly indexOf: Map<string, number>;
  /** Scenarios formatted ahead of their turn. */
  private readonly waiting = new Map<number, Formatted>();
  private readonly done = new Set<number>();
  /** Networked node-scenarios the keys did not list: written after the listed ones. */
  private readonly unlisted = new Map<string, Formatted>();
  private readonly components: ComponentSummary[] = [];
  private nextInOrder = 0;

  /** `keys`: every scenario in the order daily.csv lists them. */
  constructor(
    private readonly directory: string,
    model: ModelSpec,
    keys: readonly ScenarioKey[],
    private readonly dates: readonly string[],
  ) {
    this.indexOf = new Map(keys.map((key, index) => [key.id, index]));
    this.ipacs = new IpacsOutputAssembler(model, keys, dates);
    this.daily = createWriteStream(join(directory, 'daily.csv'));
    this.daily.write(DAILY_HEADER);
    this.replications = createWriteStream(join(directory, REPLICATIONS_FILE));
    this.replications.write(REPLICATIONS_HEADER);
  }

  /** Scenario `index` (in the order of the keys) is done; a networked one waits for its component. */
  addScenario(index: number, summary: ScenarioSummary): void {
    if (summary.key.component !== undefined) return;
    this.ipacs.add(summary);
    this.place(index, { daily: dailyCsvBytes(summary, this.dates), replications: replicationRows(summary) });
  }

  /** Component scenario `index` (in RunResult.components order) is done. */
  addComponent(index: number, component: ComponentSummary): void {
    this.components[index] = component;
    for (const node of component.nodes) {
      const formatted = { daily: networkDailyCsvBytes(node, this.dates), replications: replicationRows(node.scenario) };
      const at = this.indexOf.get(node.scenario.key.id);
      if (at === undefined) {
        if (!this.unlisted.has(node.scenario.key.id)) this.unlisted.set(node.scenario.key.id, formatted);
      } else if (!this.done.has(at) && !this.waiting.has(at)) {
        this.place(at, formatted);
      }
    }
  }

  /** Closes the streamed files and writes the rest; resolves with every file's name. */
  async finish(): Promise<string[]> {
    for (const formatted of this.unlisted.values()) this.write(formatted);
    this.daily.end();
    this.replications.end();
    await Promise.all([once(this.daily, 'finish'), once(this.replications, 'finish')]);
    const files = ['daily.csv', REPLICATIONS_FILE];
    const components = this.components.filter((component) => component !== undefined);
    for (const [name, content] of [...networkOutputFiles(components, this.dates), ...this.ipacs.files()]) {
      await writeFile(join(this.directory, name), content);
      files.push(name);
    }
    return files;
  }

  private place(index: number, formatted: Formatted): void {
    this.waiting.set(index, formatted);
    while (this.waiting.has(this.nextInOrder)) {
      this.write(this.waiting.get(this.nextInOrder)!);
      this.waiting.delete(this.nextInOrder);
      this.done.add(this.nextInOrder++);
    }
  }

  private write(formatted: Formatted): void {
    this.daily.write(formatted.daily);
    this.replications.write(formatted.replications);
  }
}
