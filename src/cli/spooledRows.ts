/**
 * The spool a writer parks bytes in when they come ahead of their turn, and the IPACS
 * stochastic files written through it. Those files' rows are 157 MB on the national workbook;
 * held as text until the end they were a large part of a run's peak memory, and joining them
 * for the write took seconds more.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { IpacsFileLayout, RowStore } from '../csv/ipacs.js';
import type { MetricRow } from '../csv/daily.js';

/** Read back in pieces of this size at most, so writing a file never holds more. */
const READ_CHUNK = 1 << 20;

/**
 * How far ahead of its turn a scenario's rows may wait in memory rather than in the spool
 * (as RunOutputFiles' HELD_AHEAD): about 55 KB a scenario on the national workbook.
 */
const ROWS_HELD_AHEAD = 64;

/** Writes all of `bytes` to `fd` at its position, however many calls the system takes. */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
}

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

/** A file whose rows come by scenario in any order and are written in `rowsOf`'s. */
interface OrderedFile {
  readonly fd: number;
  readonly turns: number;
  /** The turn written next. */
  next: number;
  /** Rows ahead of their turn: a copy in memory when near it, else where they are in the spool. */
  readonly waiting: Map<number, Uint8Array | Extent>;
}

/**
 * The IPACS stochastic files written as the run goes: a scenario's rows go straight to their
 * file when every scenario before it in R's column order is written, wait in memory when their
 * turn is near, and in the spool otherwise. On the national workbook the visit rows and the P2
 * bed rows come nearly in R's order (each node's scenarios and localities shuffled a little);
 * the P3 bed rows, which R puts after every P2 node, wait in the spool. Before, every row went
 * through the spool and all 157 MB were read back and written once the simulation was done.
 */
export class OrderedRowFiles implements RowStore {
  private readonly files: { name: string; file: OrderedFile }[] = [];
  private readonly placeOf = new Map<string, { file: OrderedFile; turn: number }>();
  private spool?: Spool;
  private readBuffer?: Buffer;

  /** `spoolPath`: a scratch file in the staged output directory, made only if some rows wait in it. */
  constructor(
    private readonly directory: string,
    private readonly spoolPath: string,
  ) {}

  /** Creates each file of `layout` and writes its head; its rows are the scenarios of `rowsOf`, in that order. */
  open(layout: readonly IpacsFileLayout[]): void {
    for (const { name, head, rowsOf } of layout) {
      const file: OrderedFile = { fd: openSync(join(this.directory, name), 'w'), turns: rowsOf.length, next: 0, waiting: new Map() };
      writeAllSync(file.fd, typeof head === 'string' ? new TextEncoder().encode(head) : head);
      rowsOf.forEach((id, turn) => this.placeOf.set(id, { file, turn }));
      this.files.push({ name, file });
    }
  }

  put(id: string, rows: Uint8Array): void {
    const place = this.placeOf.get(id);
    // A scenario no file lists has no rows in any (as when they were all read back by `rowsOf`).
    if (place === undefined) return;
    const { file, turn } = place;
    if (turn !== file.next) {
      file.waiting.set(turn, turn - file.next <= ROWS_HELD_AHEAD ? rows.slice() : this.spooled().put(rows));
      return;
    }
    writeAllSync(file.fd, rows);
    file.next++;
    this.writeWaiting(file, false);
  }

  /** Writes every row still waiting, in order (a scenario that never came has none), and closes the files; resolves with their names. */
  finish(): string[] {
    for (const { file } of this.files) {
      this.writeWaiting(file, true);
      closeSync(file.fd);
    }
    this.spool?.close();
    return this.files.map(({ name }) => name);
  }

  /** The waiting rows whose turn has come; with `all`, every turn left, skipping those that never came. */
  private writeWaiting(file: OrderedFile, all: boolean): void {
    for (; file.next < file.turns; file.next++) {
      const rows = file.waiting.get(file.next);
      if (rows === undefined) {
        if (all) continue;
        return;
      }
      file.waiting.delete(file.next);
      if (rows instanceof Uint8Array) writeAllSync(file.fd, rows);
      else this.copyFromSpool(file.fd, rows);
    }
  }

  private spooled(): Spool {
    this.spool ??= new Spool(this.spoolPath);
    return this.spool;
  }

  /** `extent` of the spool appended to `fd`, through one reused buffer (fresh pages cost on this VM). */
  private copyFromSpool(fd: number, [offset, length]: Extent): void {
    const buffer = (this.readBuffer ??= Buffer.allocUnsafe(READ_CHUNK));
    for (let done = 0; done < length; ) {
      const read = readSync(this.spool!.fd, buffer, 0, Math.min(buffer.length, length - done), offset + done);
      if (read === 0) throw new Error(`the IPACS spool ended early`);
      writeAllSync(fd, buffer.subarray(0, read));
      done += read;
    }
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
