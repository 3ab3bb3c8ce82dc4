/**
 * daily.parquet for the writer thread, with the Parquet library loaded only when the file is
 * chosen: hyparquet-writer took 70-110 ms of CPU to load, on the writer thread of every run,
 * while the main thread reads the workbook on the other core.
 *
 * Rows given before the library has loaded wait, in order, and go in once it has (at the
 * next `ready()`), so the file's rows and row groups are what the eager writer made.
 */
import { join } from 'node:path';
import type { ScenarioKey } from '../engine/scenarios.js';
import type { MetricRow } from '../csv/daily.js';
import type { DailyParquet } from '../csv/parquet.js';

type ScenarioRows = readonly [ScenarioKey, readonly MetricRow[]];

export class LazyDailyParquet {
  private parquet?: DailyParquet;
  private fileName?: string;
  private readonly waiting: ScenarioRows[] = [];
  private readonly loading: Promise<void>;

  constructor(directory: string, dates: readonly string[]) {
    this.loading = import('../csv/parquet.js').then(({ DailyParquet, DAILY_PARQUET_FILE }) => {
      this.parquet = new DailyParquet(join(directory, DAILY_PARQUET_FILE), dates);
      this.fileName = DAILY_PARQUET_FILE;
      for (const [key, rows] of this.waiting.splice(0)) this.parquet.add(key, rows);
    });
    // A failure to load is reported where it is awaited (ready, finish), not as an unhandled rejection first.
    this.loading.catch(() => {});
  }

  /** The scenario's rows, when its turn in the file comes. */
  add(key: ScenarioKey, rows: readonly MetricRow[]): void {
    if (this.parquet) this.parquet.add(key, rows);
    else this.waiting.push([key, rows]);
  }

  /** Resolves once the library has loaded and the waiting rows have gone in. */
  ready(): Promise<void> {
    return this.loading;
  }

  /** Writes the last row group and the footer; resolves with the file's name. */
  async finish(): Promise<string> {
    await this.loading;
    this.parquet!.finish();
    return this.fileName!;
  }
}
