/**
 * Nelder-Mead minimisation (Lagarias et al. 1998 coefficients: reflect 1, expand 2, contract
 * 1/2, shrink 1/2). Written here because the fits have two or three parameters, need no
 * derivatives of special functions, and must run in the browser as on the command line.
 * A function value that is not finite counts as +Infinity, so a step into impossible
 * parameters is simply never taken.
 */

export interface Minimum {
  point: number[];
  value: number;
  iterations: number;
  /** False when the iteration limit came first. */
  converged: boolean;
}

export interface NelderMeadOptions {
  /**
   * Stop when the simplex's values differ by less than this times (1 + |best value|) ...
   * relative, because a log-likelihood of thousands carries rounding noise of its size.
   */
  valueTolerance?: number;
  /** ... and its vertices by less than this in every coordinate. */
  pointTolerance?: number;
  maxIterations?: number;
  /** Size of the first simplex's steps from the start, per coordinate (default 0.1 or 10 % of it). */
  step?: number[];
}

export function nelderMead(f: (x: number[]) => number, start: readonly number[], options: NelderMeadOptions = {}): Minimum {
  const { valueTolerance = 1e-10, pointTolerance = 1e-7, maxIterations = 5000 } = options;
  const n = start.length;
  const value = (x: number[]) => {
    const y = f(x);
    return Number.isFinite(y) ? y : Infinity;
  };
  const simplex = [start.slice()];
  for (let i = 0; i < n; i++) {
    const vertex = start.slice();
    vertex[i] += options.step?.[i] ?? (start[i] === 0 ? 0.1 : 0.1 * Math.abs(start[i]));
    simplex.push(vertex);
  }
  let values = simplex.map(value);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const sorted = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    simplex.splice(0, simplex.length, ...sorted);
    if (converged(simplex, values, valueTolerance, pointTolerance)) return { point: simplex[0], value: values[0], iterations: iteration, converged: true };

    const centroid = Array.from({ length: n }, (_, j) => simplex.slice(0, n).reduce((sum, vertex) => sum + vertex[j], 0) / n);
    const toward = (t: number) => centroid.map((c, j) => c + t * (simplex[n][j] - c));
    const reflected = toward(-1);
    const reflectedValue = value(reflected);
    if (reflectedValue < values[0]) {
      const expanded = toward(-2);
      const expandedValue = value(expanded);
      [simplex[n], values[n]] = expandedValue < reflectedValue ? [expanded, expandedValue] : [reflected, reflectedValue];
      continue;
    }
    if (reflectedValue < values[n - 1]) {
      [simplex[n], values[n]] = [reflected, reflectedValue];
      continue;
    }
    // Contract outside the simplex when the reflection improved on the worst, inside when not.
    const outside = reflectedValue < values[n];
    const contracted = toward(outside ? -0.5 : 0.5);
    const contractedValue = value(contracted);
    if (contractedValue < (outside ? reflectedValue : values[n])) {
      [simplex[n], values[n]] = [contracted, contractedValue];
      continue;
    }
    for (let i = 1; i <= n; i++) {
      simplex[i] = simplex[i].map((x, j) => simplex[0][j] + 0.5 * (x - simplex[0][j]));
      values[i] = value(simplex[i]);
    }
  }
  const best = values.indexOf(Math.min(...values));
  return { point: simplex[best], value: values[best], iterations: maxIterations, converged: false };
}

function converged(simplex: number[][], values: number[], valueTolerance: number, pointTolerance: number): boolean {
  const n = simplex.length - 1;
  if (!(values[n] - values[0] <= valueTolerance * (1 + Math.abs(values[0])))) return false;
  return simplex.every((vertex) => vertex.every((x, j) => Math.abs(x - simplex[0][j]) <= pointTolerance));
}
