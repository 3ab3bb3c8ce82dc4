/**
 * Rows of each replication turned into columns across replications, for daily means and
 * quantiles. A replication arrives as one row of `width` values; reading a column out of the
 * rows would stride across memory a page per value, so rows are staged in small blocks and
 * transposed while the block is in cache (as ScenarioAccumulator does for isolated nodes).
 */
const BLOCK = 32;
const TILE = 64;

export class ReplicationColumns {
  /** `columns[c * replications + r]`. */
  readonly columns: Float64Array;
  private readonly staging: Float64Array;
  private readonly slots: number;
  private stagedFirst = 0;
  private stagedCount = 0;

  /**
   * `columns`, when given, is where the columns go (`width * replications` long), e.g. part of
   * a store other threads fill with other replications; `replicationsAdded` bounds the staging
   * to the replications this instance will be given.
   */
  constructor(
    readonly width: number,
    readonly replications: number,
    columns?: Float64Array,
    replicationsAdded = replications,
  ) {
    if (columns && columns.length !== width * replications) throw new RangeError(`columns of ${replications} replications of ${width} values need ${width * replications} values, not ${columns.length}`);
    this.columns = columns ?? new Float64Array(width * replications);
    this.slots = Math.max(1, Math.min(BLOCK, replicationsAdded));
    this.staging = new Float64Array(this.slots * width);
  }

  /** Replication `r`'s row (`width` values). */
  add(r: number, row: Float64Array): void {
    if (this.stagedCount > 0 && r !== this.stagedFirst + this.stagedCount) this.flush();
    if (this.stagedCount === 0) this.stagedFirst = r;
    this.staging.set(row, this.stagedCount * this.width);
    if (++this.stagedCount === this.slots) this.flush();
  }

  /** The columns, every replication in. */
  finish(): Float64Array {
    this.flush();
    return this.columns;
  }

  /**
   * Transposes the staged rows in tiles of TILE columns: each row is read along a tile, and
   * the tile's columns are written a few values at a time, so neither side strides a page per
   * value (a plain column-by-column copy spent more time here than the simulation).
   */
  private flush(): void {
    const { staging, columns, replications, stagedFirst, stagedCount, width } = this;
    for (let tile = 0; tile < width; tile += TILE) {
      const end = Math.min(width, tile + TILE);
      for (let i = 0; i < stagedCount; i++) {
        const row = i * width;
        const at = stagedFirst + i;
        for (let c = tile; c < end; c++) columns[c * replications + at] = staging[row + c];
      }
    }
    this.stagedCount = 0;
  }
}
