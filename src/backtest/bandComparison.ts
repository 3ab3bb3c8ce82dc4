/**
 * The IPACS validation plot in figures: each observed point beside the simulated mean and
 * 95 % band of the same period, and per series how often the band held what happened.
 */
import { quantileSorted } from '../engine/statistics.js';
import type { BacktestSeries, ObservedPoint, SkippedPoints } from './backtestSeries.js';

export interface ComparedPoint extends ObservedPoint {
  simMean: number;
  /** 2.5th and 97.5th percentiles over replications of the period's simulated value. */
  simLow: number;
  simHigh: number;
  inside: boolean;
}

export interface SeriesFit {
  name: string;
  points: ComparedPoint[];
  skipped: SkippedPoints;
  /** Share of points inside the band; NaN without points. */
  coverage: number;
  /** Mean of simulated mean minus observed: positive when the model shows more delays than happened. */
  bias: number;
  mae: number;
  rmse: number;
}

/**
 * Each replication's value for each point: `values[p * replications + r]`, the mean over the
 * point's days of replication r's summed daily delays (`paths[r * days + d]`).
 */
export function pointValues(points: readonly ObservedPoint[], paths: Float64Array, days: number, replications: number): Float64Array {
  const values = new Float64Array(points.length * replications);
  points.forEach((point, p) => {
    const { first, count } = point.window;
    for (let r = 0; r < replications; r++) {
      let sum = 0;
      for (let d = first; d < first + count; d++) sum += paths[r * days + d];
      values[p * replications + r] = sum / count;
    }
  });
  return values;
}

function comparePoint(point: ObservedPoint, column: Float64Array): ComparedPoint {
  let sum = 0;
  for (const v of column) sum += v;
  const sorted = Float64Array.from(column).sort();
  const simLow = quantileSorted(sorted, sorted.length, 0.025);
  const simHigh = quantileSorted(sorted, sorted.length, 0.975);
  return { ...point, simMean: sum / column.length, simLow, simHigh, inside: point.observed >= simLow && point.observed <= simHigh };
}

export function errorFigures(points: readonly Pick<ComparedPoint, 'observed' | 'simMean' | 'inside'>[]): Pick<SeriesFit, 'coverage' | 'bias' | 'mae' | 'rmse'> {
  if (points.length === 0) return { coverage: NaN, bias: NaN, mae: NaN, rmse: NaN };
  let inside = 0;
  let bias = 0;
  let absolute = 0;
  let squared = 0;
  for (const point of points) {
    const error = point.simMean - point.observed;
    if (point.inside) inside++;
    bias += error;
    absolute += Math.abs(error);
    squared += error * error;
  }
  const n = points.length;
  return { coverage: inside / n, bias: bias / n, mae: absolute / n, rmse: Math.sqrt(squared / n) };
}

/** `paths`: the series' delays summed over its nodes, replication by replication. */
export function compareSeries(series: BacktestSeries, paths: Float64Array, days: number, replications: number): SeriesFit {
  const values = pointValues(series.points, paths, days, replications);
  const points = series.points.map((point, p) => comparePoint(point, values.subarray(p * replications, (p + 1) * replications)));
  return { name: series.name, points, skipped: series.skipped, ...errorFigures(points) };
}
