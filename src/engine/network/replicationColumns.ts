/**
 * Rows of each replication turned into columns across replications, for daily means and
 * quantiles. A replication arrives as one row of `width` values; reading a column out of the
 * rows would stride across memory a page per value, so rows are staged in small blocks and
 * transposed while the block is in cache (as ScenarioAccumulator does for isolated nodes).
 *
 * Given `segment` (a node-metric's days), it also keeps aside every segment that no
 * replication has changed so far: most network metrics of most nodes are zero, or a capacity
 * that is the same in every replication, and those are never transposed or even touched in
 * the columns. On this machine memory touched for the first time costs about 1.5 ms a
 * megabyte, far more than the copying, and PathSimR's Stroke case has 169 such segments of
 * which 111 are zero throughout.
 */
const BLOCK = 8;
const TILE = 64;

export class ReplicationColumns {
  /** `columns[c * replications + r]`. */
  readonly columns: Float64Array;
  /**
   * The staged rows, each only the values it will transpose, packed: row i's j-th staged
   * value (of column stagedColumn(j)) at `i * stagedWidth + j`. Packed rather than at its
   * place in a full row: on this VM a page touched for the first time costs 1.5-16 µs,
   * and Stroke's full-width rows (61,685 values, 58 of 169 segments changed) touched 2.5
   * times the pages they filled.
   */
  private readonly staging: Float64Array;
  private readonly slots: number;
  private stagedFirst = 0;
  private stagedCount = 0;
  /** The first replication added, -1 before any. */
  private first = -1;
  /** Per segment: 1 while every replication added had the first one's values there. */
  private readonly unchanged: Uint8Array;
  /** The first replication's row: the values of the segments still unchanged. */
  private readonly firstRow: Float64Array;
  /** The segments staged (all of them without segments), in the order a staged row packs them. */
  private readonly stagedSegments: Int32Array;
  private stagedSegmentCount: number;
  /** Values a staged row holds: stagedSegmentCount segments. */
  private stagedWidth: number;

  /**
   * `columns`, when given, is where the columns go (`width * replications` long), e.g. part of
   * a store other threads fill with other replications; `replicationsAdded` bounds the staging
   * to the replications this instance will be given; `segment` (dividing `width`) turns on the
   * keeping aside of unchanged segments (0: off, every value is transposed).
   */
  constructor(
    readonly width: number,
    readonly replications: number,
    columns?: Float64Array,
    replicationsAdded = replications,
    readonly segment = 0,
  ) {
    if (columns && columns.length !== width * replications) throw new RangeError(`columns of ${replications} replications of ${width} values need ${width * replications} values, not ${columns.length}`);
    if (segment < 0 || (segment > 0 && width % segment !== 0)) throw new RangeError(`segments of ${segment} values do not divide rows of ${width}`);
    this.columns = columns ?? new Float64Array(width * replications);
    this.slots = Math.max(1, Math.min(BLOCK, replicationsAdded));
    this.unchanged = new Uint8Array(segment > 0 ? width / segment : 0);
    this.firstRow = new Float64Array(segment > 0 ? width : 0);
    // Without segments the whole row is one staged segment.
    this.stagedSegments = new Int32Array(segment > 0 ? width / segment : 1);
    this.stagedSegmentCount = segment > 0 ? 0 : 1;
    this.stagedWidth = segment > 0 ? 0 : width;
    // Room for full rows, of which only the packed front is ever touched: a page not touched
    // costs nothing, and growing it as segments start to change made fresh arrays each time.
    this.staging = new Float64Array(this.slots * width);
  }

  /** Replication `r`'s row (`width` values). */
  add(r: number, row: Float64Array): void {
    if (this.stagedCount > 0 && r !== this.stagedFirst + this.stagedCount) this.flush();
    if (this.segment === 0) {
      if (this.stagedCount === 0) this.stagedFirst = r;
      this.staging.set(row, this.stagedCount * this.width);
    } else {
      // May flush (a segment starting to change alters the staged rows' packing).
      this.compare(r, row);
      if (this.stagedCount === 0) this.stagedFirst = r;
      stageSegments(row, this.staging, this.stagedCount * this.stagedWidth, this.stagedSegments, this.stagedSegmentCount, this.segment);
    }
    if (++this.stagedCount === this.slots) this.flush();
  }

  /** The columns, every replication in (segments kept aside excepted: see unchangedSegments). */
  finish(): Float64Array {
    this.flush();
    return this.columns;
  }

  /** The segments every replication added left as the first had them, with those values (views: copy to keep). */
  unchangedSegments(): [number, Float64Array][] {
    const kept: [number, Float64Array][] = [];
    for (let k = 0; k < this.unchanged.length; k++) {
      if (this.unchanged[k]) kept.push([k, this.firstRow.subarray(k * this.segment, (k + 1) * this.segment)]);
    }
    return kept;
  }

  /** Notes the segments where replication `r` differs from the first; the first row itself is kept. */
  private compare(r: number, row: Float64Array): void {
    const { segment, firstRow, unchanged } = this;
    if (this.first < 0) {
      this.first = r;
      firstRow.set(row);
      unchanged.fill(1);
      return;
    }
    for (let k = 0; k < unchanged.length; k++) {
      if (unchanged[k] && !sameNumbers(row, firstRow, k * segment, (k + 1) * segment)) this.startColumns(k, r);
    }
  }

  /**
   * Segment `k` changed in replication `r`: from now on it is staged and transposed like the
   * others. The rows staged so far leave it out, so they are transposed first; then every
   * replication before `r` gets the first row's values in its columns.
   */
  private startColumns(k: number, r: number): void {
    this.flush();
    this.unchanged[k] = 0;
    const { columns, replications, firstRow, segment } = this;
    for (let c = k * segment; c < (k + 1) * segment; c++) {
      const value = firstRow[c];
      const base = c * replications;
      for (let q = this.first; q < r; q++) columns[base + q] = value;
    }
    this.stagedSegments[this.stagedSegmentCount++] = k;
    this.stagedWidth += segment;
  }

  /**
   * Transposes the staged rows in tiles of TILE columns: each row is read along a tile, and
   * the tile's columns are written a few values at a time, so neither side strides a page per
   * value (a plain column-by-column copy spent more time here than the simulation).
   */
  private flush(): void {
    if (this.stagedCount === 0) return;
    const { segment, stagedSegments, stagedSegmentCount } = this;
    if (segment === 0) this.transpose(0, 0, this.width);
    else {
      for (let j = 0; j < stagedSegmentCount; j++) {
        const k = stagedSegments[j];
        this.transpose(j * segment, k * segment, (k + 1) * segment);
      }
    }
    this.stagedCount = 0;
  }

  /** Columns `from` to before `to`, staged from `packedFrom` in each staged row. */
  private transpose(packedFrom: number, from: number, to: number): void {
    const { staging, columns, replications, stagedFirst, stagedCount, stagedWidth } = this;
    const shift = packedFrom - from;
    for (let tile = from; tile < to; tile += TILE) {
      const end = Math.min(to, tile + TILE);
      for (let i = 0; i < stagedCount; i++) {
        const row = i * stagedWidth + shift;
        const at = stagedFirst + i;
        for (let c = tile; c < end; c++) columns[c * replications + at] = staging[row + c];
      }
    }
  }
}

/** The staged segments of `row`, packed into `staging` from `at`. */
function stageSegments(row: Float64Array, staging: Float64Array, at: number, segments: Int32Array, count: number, segment: number): void {
  for (let j = 0; j < count; j++) {
    const from = segments[j] * segment;
    const to = at + j * segment - from;
    for (let c = from; c < from + segment; c++) staging[to + c] = row[c];
  }
}

/** The same number to the bit (so -0 is not 0 and NaN never matches: such a segment is simply transposed). */
export function sameNumber(a: number, b: number): boolean {
  return a === b && (a !== 0 || Object.is(a, b));
}

/** Whether `a` and `b` hold the same numbers (sameNumber) from index `from` to before `to`. */
export function sameNumbers(a: Float64Array, b: Float64Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!sameNumber(a[i], b[i])) return false;
  return true;
}
