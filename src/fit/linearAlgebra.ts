/**
 * The little dense linear algebra a count regression needs (a dozen coefficients at most):
 * Cholesky factors of symmetric positive definite matrices, solving with them, inverting.
 * Matrices are arrays of rows.
 */

export type Matrix = number[][];

export class SingularMatrixError extends Error {}

/** Lower-triangular L with L L' = A; throws when A is not positive definite (collinear terms). */
export function cholesky(a: Matrix): Matrix {
  const size = a.length;
  const lower: Matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i][j];
      for (let k = 0; k < j; k++) sum -= lower[i][k] * lower[j][k];
      if (i === j) {
        // Relative to the diagonal: a term that is a sum of others leaves a rounding-sized pivot.
        if (!(sum > 1e-10 * Math.max(1, Math.abs(a[i][i])))) throw new SingularMatrixError(`the terms are collinear at column ${i}`);
        lower[i][i] = Math.sqrt(sum);
      } else {
        lower[i][j] = sum / lower[j][j];
      }
    }
  }
  return lower;
}

/** x with L L' x = b. */
export function choleskySolve(lower: Matrix, b: readonly number[]): number[] {
  const size = lower.length;
  const y = new Array<number>(size);
  for (let i = 0; i < size; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= lower[i][k] * y[k];
    y[i] = sum / lower[i][i];
  }
  const x = new Array<number>(size);
  for (let i = size - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < size; k++) sum -= lower[k][i] * x[k];
    x[i] = sum / lower[i][i];
  }
  return x;
}

/** A^-1 from the Cholesky factor of A. */
export function choleskyInverse(lower: Matrix): Matrix {
  const size = lower.length;
  const columns = Array.from({ length: size }, (_, j) => choleskySolve(lower, Array.from({ length: size }, (_, i) => (i === j ? 1 : 0))));
  return Array.from({ length: size }, (_, i) => columns.map((column) => column[i]));
}
