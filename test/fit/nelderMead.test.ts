import { describe, expect, it } from 'vitest';
import { gradient, hessian, invertPositiveDefinite } from '../../src/fit/derivatives.js';
import { nelderMead } from '../../src/fit/nelderMead.js';

describe('Nelder-Mead and the numerical derivatives', () => {
  it("finds Rosenbrock's minimum at (1, 1) from the usual start", () => {
    const rosenbrock = ([x, y]: number[]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
    const found = nelderMead(rosenbrock, [-1.2, 1]);
    expect(found.converged).toBe(true);
    expect(found.point[0]).toBeCloseTo(1, 4);
    expect(found.point[1]).toBeCloseTo(1, 4);
  });

  it('never steps where the function is not finite', () => {
    const found = nelderMead(([x]) => (x < 2 ? NaN : (x - 3) ** 2), [4]);
    expect(found.point[0]).toBeCloseTo(3, 4);
  });

  it('gradient, Hessian and its inverse of a quadratic are exact', () => {
    const f = ([x, y]: number[]) => 3 * x * x + 2 * x * y + 2 * y * y + x;
    expect(gradient(f, [1, 2]).map((g) => Number(g.toFixed(6)))).toEqual([11, 10]);
    const h = hessian(f, [1, 2]);
    expect(h.flat().map((v) => Number(v.toFixed(4)))).toEqual([6, 2, 2, 4]);
    const inverse = invertPositiveDefinite(h)!;
    // [[6,2],[2,4]]^-1 = [[4,-2],[-2,6]] / 20
    expect(inverse.flat().map((v) => Number(v.toFixed(5)))).toEqual([0.2, -0.1, -0.1, 0.3]);
    expect(invertPositiveDefinite([[1, 2], [2, 1]])).toBeUndefined();
  });
});
