/**
 * Derivatives by central differences, for the observed information at a maximum (where the
 * function is smooth) and the delta method. The step, 1e-3 on parameters of order one (logs),
 * leaves a truncation error of about 1e-6 relative; a smaller one would let the rounding noise
 * of a long stay's likelihood (second differences of its integrated distribution function,
 * about 1e-9 of its value) through, divided by the step squared.
 */

const STEP = 1e-3;

export function gradient(f: (x: number[]) => number, x: readonly number[], step = STEP): number[] {
  return x.map((_, i) => (f(shifted(x, i, step)) - f(shifted(x, i, -step))) / (2 * step));
}

export function hessian(f: (x: number[]) => number, x: readonly number[], step = STEP): number[][] {
  const n = x.length;
  const centre = f(x.slice());
  const h: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    h[i][i] = (f(shifted(x, i, step)) - 2 * centre + f(shifted(x, i, -step))) / (step * step);
    for (let j = 0; j < i; j++) {
      const corner = (a: number, b: number) => f(shifted(shifted(x, i, a), j, b));
      h[i][j] = h[j][i] = (corner(step, step) - corner(step, -step) - corner(-step, step) + corner(-step, -step)) / (4 * step * step);
    }
  }
  return h;
}

/** The inverse of a symmetric positive definite matrix (Cholesky), or undefined when it is not positive definite. */
export function invertPositiveDefinite(matrix: readonly number[][]): number[][] | undefined {
  const n = matrix.length;
  const lower: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i][j];
      for (let k = 0; k < j; k++) sum -= lower[i][k] * lower[j][k];
      if (i === j) {
        if (!(sum > 0)) return undefined;
        lower[i][i] = Math.sqrt(sum);
      } else lower[i][j] = sum / lower[j][j];
    }
  }
  // Columns of the inverse by forward then back substitution on the unit vectors.
  const inverse: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let column = 0; column < n; column++) {
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let sum = i === column ? 1 : 0;
      for (let k = 0; k < i; k++) sum -= lower[i][k] * y[k];
      y[i] = sum / lower[i][i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = y[i];
      for (let k = i + 1; k < n; k++) sum -= lower[k][i] * inverse[k][column];
      inverse[i][column] = sum / lower[i][i];
    }
  }
  return inverse;
}

/** g' V g: the delta method's variance of a function with gradient g. */
export function quadraticForm(g: readonly number[], v: readonly number[][]): number {
  return g.reduce((sum, gi, i) => sum + gi * g.reduce((inner, gj, j) => inner + v[i][j] * gj, 0), 0);
}

function shifted(x: readonly number[], i: number, by: number): number[] {
  const y = x.slice();
  y[i] += by;
  return y;
}
