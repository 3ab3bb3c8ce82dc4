/**
 * Log-linear regression of daily counts: Poisson, or negative binomial (NB2: variance
 * mu + mu^2 / theta) when the counts vary more than a Poisson's do. Coefficients by
 * iteratively reweighted least squares; the negative binomial's theta by maximum likelihood,
 * alternating with the coefficients as R's MASS::glm.nb does.
 */
import { logGamma } from '../engine/gammaFunction.js';
import { choleskyInverse, cholesky, choleskySolve, type Matrix } from './linearAlgebra.js';
import { digamma, trigamma } from './specialFunctions.js';

export type CountFamily = 'poisson' | 'negbin';

export interface CountFit {
  family: CountFamily;
  coefficients: number[];
  /** Covariance of the coefficients (inverse Fisher information; theta held at its estimate). */
  covariance: Matrix;
  /** The negative binomial's theta; Infinity for Poisson. */
  theta: number;
  logLikelihood: number;
  /** -2 log L + 2 (coefficients, and theta for the negative binomial). */
  aic: number;
  /** Pearson's chi-squared over residual degrees of freedom: about 1 when the family's variance is right. */
  dispersion: number;
  fitted: number[];
}

const MAX_ITERATIONS = 50;
/** Past this theta the negative binomial is a Poisson to the precision of the data. */
const THETA_CAP = 1e6;

export function fitCounts(design: Matrix, counts: readonly number[], family: CountFamily): CountFit {
  let theta = family === 'poisson' ? Infinity : initialTheta(counts);
  let beta = irls(design, counts, theta, undefined);
  if (family === 'negbin') {
    for (let round = 0; round < 25; round++) {
      const previous = theta;
      theta = thetaByLikelihood(counts, fittedOf(design, beta), theta);
      beta = irls(design, counts, theta, beta);
      if (Math.abs(Math.log(theta / previous)) < 1e-6) break;
    }
  }
  const fitted = fittedOf(design, beta);
  const information = informationOf(design, fitted, theta);
  const logLikelihood = countLogLikelihood(counts, fitted, theta);
  const parameters = beta.length + (family === 'negbin' ? 1 : 0);
  const pearson = counts.reduce((sum, y, i) => sum + (y - fitted[i]) ** 2 / varianceOf(fitted[i], theta), 0);
  return {
    family,
    coefficients: beta,
    covariance: choleskyInverse(cholesky(information)),
    theta,
    logLikelihood,
    aic: -2 * logLikelihood + 2 * parameters,
    dispersion: pearson / Math.max(1, counts.length - beta.length),
    fitted,
  };
}

function varianceOf(mu: number, theta: number): number {
  return Number.isFinite(theta) ? mu + (mu * mu) / theta : mu;
}

export function linearPredictor(row: readonly number[], beta: readonly number[]): number {
  let eta = 0;
  for (let j = 0; j < beta.length; j++) eta += row[j] * beta[j];
  return eta;
}

function fittedOf(design: Matrix, beta: readonly number[]): number[] {
  return design.map((row) => Math.exp(linearPredictor(row, beta)));
}

function informationOf(design: Matrix, mu: readonly number[], theta: number): Matrix {
  const size = design[0].length;
  const information: Matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  design.forEach((row, i) => {
    const weight = (mu[i] * mu[i]) / varianceOf(mu[i], theta);
    for (let a = 0; a < size; a++) for (let b = 0; b <= a; b++) information[a][b] += weight * row[a] * row[b];
  });
  for (let a = 0; a < size; a++) for (let b = a + 1; b < size; b++) information[a][b] = information[b][a];
  return information;
}

function irls(design: Matrix, counts: readonly number[], theta: number, start: number[] | undefined): number[] {
  const size = design[0].length;
  // R's start: the counts themselves, nudged off zero.
  let eta = start ? design.map((row) => linearPredictor(row, start)) : counts.map((y) => Math.log(y + 0.5));
  let beta = start ?? new Array<number>(size).fill(0);
  let deviance = Infinity;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const mu = eta.map(Math.exp);
    const information = informationOf(design, mu, theta);
    const score = new Array<number>(size).fill(0);
    design.forEach((row, i) => {
      const weight = (mu[i] * mu[i]) / varianceOf(mu[i], theta);
      const working = eta[i] + (counts[i] - mu[i]) / mu[i];
      for (let a = 0; a < size; a++) score[a] += weight * row[a] * working;
    });
    beta = choleskySolve(cholesky(information), score);
    eta = design.map((row) => linearPredictor(row, beta));
    const next = -2 * countLogLikelihood(counts, eta.map(Math.exp), theta);
    if (Math.abs(next - deviance) < 1e-10 * (Math.abs(next) + 1)) break;
    deviance = next;
  }
  return beta;
}

export function countLogLikelihood(counts: readonly number[], mu: readonly number[], theta: number): number {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const y = counts[i];
    const m = mu[i];
    if (!Number.isFinite(theta)) {
      sum += (y > 0 ? y * Math.log(m) : 0) - m - logGamma(y + 1);
    } else {
      sum += logGamma(y + theta) - logGamma(theta) - logGamma(y + 1) + theta * Math.log(theta / (theta + m)) + (y > 0 ? y * Math.log(m / (theta + m)) : 0);
    }
  }
  return sum;
}

/** Method-of-moments start: var = mean + mean^2 / theta. */
function initialTheta(counts: readonly number[]): number {
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  const variance = counts.reduce((a, y) => a + (y - mean) ** 2, 0) / Math.max(1, counts.length - 1);
  return variance > mean ? Math.min(THETA_CAP, (mean * mean) / (variance - mean)) : THETA_CAP;
}

/** Newton's method on log theta for the profile likelihood at fixed mu. */
function thetaByLikelihood(counts: readonly number[], mu: readonly number[], start: number): number {
  let logTheta = Math.log(start);
  for (let iteration = 0; iteration < 100; iteration++) {
    const theta = Math.exp(logTheta);
    let score = 0;
    let curvature = 0;
    for (let i = 0; i < counts.length; i++) {
      const y = counts[i];
      const m = mu[i];
      score += digamma(y + theta) - digamma(theta) + Math.log(theta) + 1 - Math.log(theta + m) - (y + theta) / (theta + m);
      curvature += trigamma(y + theta) - trigamma(theta) + 1 / theta - 2 / (theta + m) + (y + theta) / (theta + m) ** 2;
    }
    // In log theta: d/dlog = theta * score; d2/dlog2 = theta^2 * curvature + theta * score.
    const gradient = theta * score;
    const hessian = theta * theta * curvature + gradient;
    const step = hessian < 0 ? -gradient / hessian : Math.sign(gradient);
    logTheta += Math.max(-2, Math.min(2, step));
    if (logTheta > Math.log(THETA_CAP)) return THETA_CAP;
    if (Math.abs(step) < 1e-10) break;
  }
  return Math.exp(logTheta);
}
