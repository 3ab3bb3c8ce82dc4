/**
 * A RowStore on disk: each scenario's formatted IPACS stochastic rows are appended to a spool
 * file as they arrive, in whatever order scenarios finish, and read back in R's column order
 * when the files are written. The rows are the bulk of the IPACS-layout files (157 MB on the
 * national workbook); held as text until the end they were a large part of a run's peak memory,
 * and joining them for the write took seconds more.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { IpacsFileLayout, RowStore } from '../csv/ipacs.js';
import type { MetricRow } from '../csv/daily.js';

/** Read back in pieces of this size at most, so writing a file never holds more. */
const READ_CHUNK = 4 << 20;

/** Where bytes put in a Spool are. */
export type Extent = readonly [offset: number, length: number];

/** A scratch file bytes are appended to and read back from, so that they wait on disk, not in memory. */
export class Spool {
  readonly fd: number;
  private end = 0;

  /** `path`: a scratch file in the staged output directory, removed by `close`. */
  constructor(private readonly path: string) {
    this.fd = openSync(path, 'w+');
  }

  put(bytes: Uint8Array): Extent {
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written, this.end + written);
    const extent = [this.end, bytes.length] as const;
    this.end += bytes.length;
    return extent;
  }

  /** The bytes of `extent`, read back whole (for pieces of a few hundred KB; SpooledRows reads in chunks). */
  read([offset, length]: Extent): Buffer {
    const bytes = Buffer.allocUnsafe(length);
    for (let done = 0; done < length; ) {
      const read = readSync(this.fd, bytes, done, length - done, offset + done);
      if (read === 0) throw new Error(`the spool ${this.path} ended early`);
      done += read;
    }
    return bytes;
  }

  close(): void {
    closeSync(this.fd);
    rmSync(this.path, { force: true });
  }
}

export class SpooledRows implements RowStore {
  private readonly spool: Spool;
  private readonly extents = new Map<string, Extent>();

  constructor(path: string) {
    this.spool = new Spool(path);
  }

  put(id: string, rows: Uint8Array): void {
    this.extents.set(id, this.spool.put(rows));
  }

  /** Writes each file of `layout` into `directory`: its head, then its scenarios' rows from the spool. */
  async writeFiles(directory: string, layout: readonly IpacsFileLayout[]): Promise<string[]> {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    for (const { name, head, rowsOf } of layout) {
      const out = createWriteStream(join(directory, name));
      const write = async (chunk: Uint8Array | string) => {
        if (!out.write(chunk)) await once(out, 'drain');
      };
      await write(head);
      for (const id of rowsOf) {
        const [offset, length] = this.extents.get(id) ?? [0, 0];
        for (let done = 0; done < length; ) {
          const read = readSync(this.spool.fd, buffer, 0, Math.min(READ_CHUNK, length - done), offset + done);
          if (read === 0) throw new Error(`the IPACS spool ended early at ${name}'s scenario ${id}`);
          // A copy: the stream may still hold the chunk when the buffer is refilled.
          await write(Buffer.from(buffer.subarray(0, read)));
          done += read;
        }
      }
      out.end();
      await once(out, 'finish');
    }
    return layout.map(({ name }) => name);
  }

  close(): void {
    this.spool.close();
  }
}

/** Metric rows put in a Spool: their names and shapes here, their figures on disk. */
export interface SpooledMetricRows {
  metrics: readonly (readonly [metric: string, quantiles: number])[];
  days: number;
  extent: Extent;
}

/** Each row's mean, then its quantile rows, `days` figures each, as bytes in `spool`. */
export function spoolMetricRows(spool: Spool, rows: readonly MetricRow[]): SpooledMetricRows {
  const days = rows[0]?.[1].mean.length ?? 0;
  const figures = new Float64Array(rows.reduce((count, [, row]) => count + (1 + row.quantiles.length) * days, 0));
  let at = 0;
  for (const [, { mean, quantiles }] of rows) {
    for (const series of [mean, ...quantiles]) {
      figures.set(series, at);
      at += days;
    }
  }
  const extent = spool.put(new Uint8Array(figures.buffer));
  return { metrics: rows.map(([metric, row]) => [metric, row.quantiles.length] as const), days, extent };
}

/** The rows again, read back from `spool`. */
export function unspoolMetricRows(spool: Spool, { metrics, days, extent }: SpooledMetricRows): MetricRow[] {
  const bytes = spool.read(extent);
  // A copy into an aligned buffer: a Buffer's bytes may start anywhere in its pool.
  const figures = new Float64Array(new Uint8Array(bytes).buffer);
  let at = 0;
  const next = () => figures.subarray(at, (at += days));
  return metrics.map(([metric, quantiles]) => {
    const mean = next();
    return [metric, { mean, quantiles: Array.from({ length: quantiles }, next) }] as const;
  });
}
