/**
 * A run's streamed CSV files (daily.csv, replications.csv, the IPACS-layout files, and for a
 * run with networks flows.csv and system.csv), assembled as results arrive in any order and
 * written in the run's order. The writer thread (outputWriterWorker.ts) drives it.
 *
 * A networked node's daily.csv rows need its component's summary (its network metrics), so
 * they are formatted at the node's turn once the component has arrived, whether or not the
 * node's scenario summary came first on its own.
 */
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelSpec } from '../engine/model.js';
import type { ScenarioKey } from '../engine/scenarios.js';
import type { ScenarioSummary } from '../engine/summary.js';
import { DAILY_HEADER, dailyCsvScratch, dailyRows, networkDailyCsvScratch, networkDailyRows, type MetricRow } from '../csv/daily.js';
import { IpacsOutputAssembler } from '../csv/ipacs.js';
import { OrderedRowFiles, Spool, spoolMetricRows, unspoolMetricRows, writeAllSync, type Extent, type SpooledMetricRows } from './spooledRows.js';
import { FLOWS_FILE, flowsCsvPieces, SYSTEM_FILE, systemCsv } from '../csv/networkFiles.js';
import { REPLICATIONS_FILE, REPLICATIONS_HEADER, replicationRowsBytes } from '../csv/replications.js';
import { DEFAULT_OUTPUTS, writerMakesSummaryCsv, type OutputGroup } from './runOutputs.js';
import { SUMMARY_COLUMNS, summaryCsvLine, summaryCsvOfRows } from '../csv/summary.js';
import { LazyDailyParquet } from './lazyDailyParquet.js';
import type { WriterComponent, WriterNode } from './componentMessage.js';

/** The spools, in the staged directory so an abandoned run takes them away with the rest. */
const IPACS_SPOOL = '.ipacs-rows.spool';
const WAITING_SPOOL = '.waiting-rows.spool';

/** A scenario's part of each streamed file chosen (undefined: not chosen). */
interface Formatted {
  /** In the shared scratch until kept (held): valid only until the next scenario is formatted. */
  daily?: Uint8Array;
  replications?: Uint8Array;
  /** For daily.parquet: the scenario's figures. */
  parquet?: ParquetRows;
}

interface ParquetRows {
  key: ScenarioKey;
  rows: readonly MetricRow[];
}

/** The same, waiting for its turn: the CSV bytes and the Parquet figures in the waiting spool. */
interface Spooled {
  daily?: Extent;
  replications?: Extent;
  parquet?: { key: ScenarioKey; rows: SpooledMetricRows };
}

/**
 * A scenario ahead of its turn: formatted and held as it is when its turn is near, else
 * spooled; a networked node is formatted only at its turn, from its component (kept anyway).
 */
type Waiting = { held: Formatted } | { spooled: Spooled } | { node: WriterNode };

/**
 * How far ahead of its turn a scenario may wait in memory rather than in the spool. The
 * threads claim scenarios in order, so a result is ahead only by the scenarios another
 * thread is still simulating: a node's or so, about 270 KB each on the national workbook.
 */
const HELD_AHEAD = 64;

/**
 * A file written synchronously: bytes handed to it may be reused as soon as write returns, so
 * daily.csv's rows are written from the formatting scratch rather than copied for a stream to
 * write later (a copy is fresh memory, 1.5-16 µs a 4 kB page on this VM: 8.6 MB of it on
 * PathSimR's Stroke case). The IPACS files and their spool write the same way, and so does
 * replications.csv: through a stream its 2,880 small pieces on the national workbook (a
 * writev and a drain awaited every few scenarios) cost the writer 0.14-0.29 s more CPU.
 */
class SyncFile {
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(bytes: Uint8Array): void {
    writeAllSync(this.fd, bytes);
  }

  close(): void {
    closeSync(this.fd);
  }
}

const encoder = new TextEncoder();

export class RunOutputFiles {
  private readonly daily?: SyncFile;
  private readonly replications?: SyncFile;
  private readonly ipacs?: IpacsOutputAssembler;
  private readonly parquet?: LazyDailyParquet;
  private readonly ipacsRows?: OrderedRowFiles;
  private readonly indexOf: Map<string, number>;
  /**
   * Scenarios formatted ahead of their turn. Those far ahead (a networked node's rows come with
   * its component, a slow scenario holds up the others) wait with their bytes (and their
   * figures for daily.parquet) in the waiting spool: when worker threads took scenarios from
   * the back of the run, about half of daily.csv waited, 265 MB of the national workbook's peak
   * held in memory.
   */
  private readonly waiting = new Map<number, Waiting>();
  private waitingSpool?: Spool;
  private readonly done = new Set<number>();
  /** Networked node-scenarios the keys did not list: written after the listed ones. */
  private readonly unlisted = new Map<string, WriterNode>();
  private readonly components: WriterComponent[] = [];
  private nextInOrder = 0;
  /** Buffers of held rows already written, for the next rows to wait in (held). */
  private readonly heldBuffers: ArrayBuffer[] = [];
  /** summary.csv's lines by scenario index, when this writer makes it (writerMakesSummaryCsv). */
  private readonly summaryLines?: string[];

  /** `keys`: every scenario in the order daily.csv lists them. */
  constructor(
    private readonly directory: string,
    private readonly model: ModelSpec,
    keys: readonly ScenarioKey[],
    private readonly dates: readonly string[],
    private readonly outputs: ReadonlySet<OutputGroup> = new Set(DEFAULT_OUTPUTS),
  ) {
    this.indexOf = new Map(keys.map((key, index) => [key.id, index]));
    if (outputs.has('ipacs')) {
      this.ipacsRows = new OrderedRowFiles(directory, join(directory, IPACS_SPOOL));
      this.ipacs = new IpacsOutputAssembler(model, keys, dates, this.ipacsRows);
      this.ipacsRows.open(this.ipacs.stochasticLayout());
    }
    if (outputs.has('daily')) {
      this.daily = new SyncFile(join(directory, 'daily.csv'));
      this.daily.write(encoder.encode(DAILY_HEADER));
    }
    if (outputs.has('replications')) {
      this.replications = new SyncFile(join(directory, REPLICATIONS_FILE));
      this.replications.write(encoder.encode(REPLICATIONS_HEADER));
    }
    if (outputs.has('parquet')) this.parquet = new LazyDailyParquet(directory, dates);
    if (writerMakesSummaryCsv(outputs, keys)) this.summaryLines = new Array<string>(keys.length).fill('');
  }

  /** Scenario `index` (in the order of the keys) is done; a networked one waits for its component. */
  addScenario(index: number, summary: ScenarioSummary): void {
    if (summary.key.component !== undefined) return;
    if (this.summaryLines) this.summaryLines[index] = summaryCsvLine(summary, this.model);
    this.ipacs?.add(summary);
    this.place(index, {
      daily: this.daily && dailyCsvScratch(summary, this.dates),
      replications: this.replications && replicationRowsBytes(summary),
      parquet: this.parquet && { key: summary.key, rows: dailyRows(summary) },
    });
  }

  /** Component scenario `index` (in RunResult.components order) is done. */
  addComponent(index: number, component: WriterComponent): void {
    this.components[index] = component;
    for (const node of component.nodes) {
      const at = this.indexOf.get(node.scenario.key.id);
      if (at === undefined) {
        if (!this.unlisted.has(node.scenario.key.id)) this.unlisted.set(node.scenario.key.id, node);
      } else if (this.done.has(at) || this.waiting.has(at)) {
        continue;
      } else if (at === this.nextInOrder) {
        this.place(at, this.formatNode(node));
      } else {
        // The component is kept for flows.csv and system.csv, so a node ahead of its turn
        // waits as itself and is formatted at its turn: the network example's daily.csv lists
        // each node's scenarios together, so 75 of its 108 node-scenarios came ahead of their
        // turn, and copying their rows out of the scratch to wait was 24 MB of fresh memory a run.
        this.waiting.set(at, { node });
      }
    }
  }

  /** A networked node's part of each streamed file chosen; its daily rows in the shared scratch. */
  private formatNode(node: WriterNode): Formatted {
    return {
      daily: this.daily && networkDailyCsvScratch(node, this.dates),
      replications: this.replications && replicationRowsBytes(node.scenario),
      parquet: this.parquet && { key: node.scenario.key, rows: networkDailyRows(node) },
    };
  }

  /**
   * Resolves once daily.parquet's writer has taken what it was given (the CSV files are written
   * synchronously). Formatting outruns the disk on a large run, and a stream that is not waited
   * for holds everything formatted in memory.
   */
  async drained(): Promise<void> {
    await this.parquet?.ready();
  }

  /**
   * Closes the streamed files and writes the rest; resolves with every file's name but
   * summary.csv's, which the run sink lists in its place among the whole files.
   */
  async finish(): Promise<string[]> {
    if (this.summaryLines) writeFileSync(join(this.directory, 'summary.csv'), summaryCsvOfRows(SUMMARY_COLUMNS, this.summaryLines), { flag: 'wx' });
    for (const node of this.unlisted.values()) this.write(this.formatNode(node));
    this.waitingSpool?.close();
    const files: string[] = [];
    if (this.daily) {
      this.daily.close();
      files.push('daily.csv');
    }
    if (this.replications) {
      this.replications.close();
      files.push(REPLICATIONS_FILE);
    }
    if (this.parquet) files.push(await this.parquet.finish());
    const components = this.components.filter((component) => component !== undefined);
    if (this.outputs.has('network') && components.length > 0) {
      const flows = new SyncFile(join(this.directory, FLOWS_FILE));
      try {
        for (const piece of flowsCsvPieces(components, this.dates)) flows.write(piece);
      } finally {
        flows.close();
      }
      await writeFile(join(this.directory, SYSTEM_FILE), systemCsv(components));
      files.push(FLOWS_FILE, SYSTEM_FILE);
    }
    if (this.ipacs && this.ipacsRows) {
      const stochastic = this.ipacsRows.finish();
      const means = this.ipacs.meansLayout();
      for (const { name, head } of means) await writeFile(join(this.directory, name), head);
      files.push(...means.map(({ name }) => name), ...stochastic);
    }
    return files;
  }

  private place(index: number, formatted: Formatted): void {
    if (index !== this.nextInOrder) {
      this.waiting.set(index, index - this.nextInOrder <= HELD_AHEAD ? { held: this.held(formatted) } : { spooled: this.spooled(formatted) });
      return;
    }
    this.write(formatted);
    this.done.add(this.nextInOrder++);
    for (let next = this.waiting.get(this.nextInOrder); next; next = this.waiting.get(this.nextInOrder)) {
      this.write('held' in next ? next.held : 'node' in next ? this.formatNode(next.node) : this.unspooled(next.spooled));
      if ('held' in next && next.held.daily) this.heldBuffers.push(next.held.daily.buffer as ArrayBuffer);
      this.waiting.delete(this.nextInOrder);
      this.done.add(this.nextInOrder++);
    }
  }

  /**
   * `formatted` with its daily rows copied out of the scratch to wait for its turn, into the
   * buffer of rows held and written before when one is long enough: memory the process has
   * already touched. A copy of its own each time (the national workbook holds 1,047 scenarios,
   * 192 MB of rows, a turn or two each) was fresh pages every time, the last one's garbage.
   */
  private held(formatted: Formatted): Formatted {
    const daily = formatted.daily;
    if (!daily) return formatted;
    let buffer: ArrayBuffer | undefined;
    for (let i = 0; i < this.heldBuffers.length; i++) {
      if (this.heldBuffers[i].byteLength >= daily.length) {
        buffer = this.heldBuffers[i];
        this.heldBuffers[i] = this.heldBuffers[this.heldBuffers.length - 1];
        this.heldBuffers.pop();
        break;
      }
    }
    // Room to spare, so that a slightly longer scenario next can reuse it.
    buffer ??= new ArrayBuffer(Math.ceil(daily.length * 1.125));
    const copy = new Uint8Array(buffer, 0, daily.length);
    copy.set(daily);
    return { ...formatted, daily: copy };
  }

  private spooled({ daily, replications, parquet }: Formatted): Spooled {
    this.waitingSpool ??= new Spool(join(this.directory, WAITING_SPOOL));
    const spool = this.waitingSpool;
    return {
      daily: daily && spool.put(daily),
      replications: replications && spool.put(replications),
      parquet: parquet && { key: parquet.key, rows: spoolMetricRows(spool, parquet.rows) },
    };
  }

  private unspooled({ daily, replications, parquet }: Spooled): Formatted {
    const spool = this.waitingSpool!;
    return {
      daily: daily && spool.read(daily),
      replications: replications && spool.read(replications),
      parquet: parquet && { key: parquet.key, rows: unspoolMetricRows(spool, parquet.rows) },
    };
  }

  private write(formatted: Formatted): void {
    if (formatted.daily) this.daily!.write(formatted.daily);
    if (formatted.replications?.length) this.replications!.write(formatted.replications);
    if (formatted.parquet) this.parquet!.add(formatted.parquet.key, formatted.parquet.rows);
  }
}
