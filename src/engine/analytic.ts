/**
 * Instant analytic estimates, shown before (and beside) simulation: queueing formulas that
 * need no random numbers.
 *
 * - Restricted capacity, steady state: Erlang C for M/M/c, and for general stays the
 *   Allen-Cunneen approximation, which scales the M/M/c wait by (1 + cs^2) / 2, cs being
 *   the coefficient of variation of the length of stay (Poisson arrivals: ca = 1).
 * - Unrestricted capacity, time-varying demand: the infinite-server queue, whose mean
 *   occupancy is exact for Poisson arrivals of any rate profile and any stay distribution.
 */
import { losSurvival, weibullSquaredCv, type LosDistribution } from './lengthOfStay.js';

/** Erlang B: the probability that all `servers` are busy in M/M/c/c, offered load `load`. */
export function erlangB(servers: number, load: number): number {
  // B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)): stable for any number of servers.
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b;
}

/** Erlang C: the probability that an arrival waits in M/M/c with offered load `load` < c. */
export function erlangC(servers: number, load: number): number {
  if (load >= servers) return 1;
  const b = erlangB(servers, load);
  const rho = load / servers;
  return b / (1 - rho + rho * b);
}

export interface SteadyStateEstimate {
  /** Offered load: arrivals a day x mean stay (the beds needed on average). */
  load: number;
  /** Beds or caseload. */
  capacity: number;
  /** Occupancy over capacity; at or above 1 the queue grows without bound. */
  utilisation: number;
  /** Probability that a patient waits at all. */
  probabilityOfWaiting: number;
  /** Mean patients waiting (delayed in acute beds). */
  meanQueue: number;
  /** Mean days waited, over all patients (Little's law: meanQueue / arrival rate). */
  meanWait: number;
  /** Mean patients in service. */
  meanInService: number;
  stable: boolean;
}

/**
 * Steady state of `capacity` beds with Poisson arrivals at `arrivalsPerDay` and stays of
 * mean `meanStay` and coefficient of variation `stayCv` (1 for the exponential: exact Erlang
 * C; otherwise the Allen-Cunneen approximation).
 */
export function steadyStateEstimate(arrivalsPerDay: number, meanStay: number, capacity: number, stayCv = 1): SteadyStateEstimate {
  const servers = Math.floor(capacity);
  const load = arrivalsPerDay * meanStay;
  const utilisation = servers > 0 ? load / servers : Infinity;
  if (!(utilisation < 1)) {
    return { load, capacity: servers, utilisation, probabilityOfWaiting: 1, meanQueue: Infinity, meanWait: Infinity, meanInService: servers, stable: false };
  }
  const probabilityOfWaiting = erlangC(servers, load);
  const mmcQueue = (probabilityOfWaiting * utilisation) / (1 - utilisation);
  const meanQueue = (mmcQueue * (1 + stayCv * stayCv)) / 2;
  return {
    load,
    capacity: servers,
    utilisation,
    probabilityOfWaiting,
    meanQueue,
    meanWait: arrivalsPerDay > 0 ? meanQueue / arrivalsPerDay : 0,
    meanInService: load,
    stable: true,
  };
}

/**
 * The `p` quantile of the number waiting in M/M/c at a random time: the least whole `n`
 * with P(queue > n) <= 1 - p, where P(queue > n) = C(c, a) rho^(n + 1) (the states above c
 * are geometric with ratio rho). For other stays it is an approximation, used only for
 * instant estimates; Infinity when the queue is unstable.
 */
export function queueQuantile(servers: number, load: number, p: number): number {
  const c = Math.floor(servers);
  if (load === 0) return 0;
  if (!(load < c)) return Infinity;
  const waits = erlangC(c, load);
  if (waits <= 1 - p) return 0;
  const rho = load / c;
  return Math.max(0, Math.ceil(Math.log((1 - p) / waits) / Math.log(rho) - 1 - 1e-12));
}

/** Coefficient of variation of a fitted length of stay. */
export function losCoefficientOfVariation(los: LosDistribution): number {
  switch (los.family) {
    case 'exp':
      return 1;
    case 'lnorm':
      return Math.sqrt(Math.exp(los.sigma * los.sigma) - 1);
    case 'norm':
      return los.sigma / los.mu;
    case 'gamma':
      return 1 / Math.sqrt(los.mu);
    case 'weibull':
      return Math.sqrt(weibullSquaredCv(los.mu));
    case 'unif':
      // The sd of a uniform on [a, b] is (b - a) / sqrt(12).
      return (los.sigma - los.mu) / (Math.sqrt(12) * los.mean);
  }
}

/**
 * Expected occupancy of an infinite-server node, averaged over each day, for Poisson
 * arrivals at `rates[d]` a day on day d + 1 and `initialInService` patients at time 0 whose
 * remaining stays have survival function `initialSurvival`:
 *
 *   E occ(t) = initial x S0(t) + integral_0^t lambda(s) S(t - s) ds,
 *
 * by the midpoint rule on `stepsPerDay` steps a day, in time and in arrival time alike
 * (arrivals within the current step count half, having on average half a step to come).
 */
export function infiniteServerOccupancy(
  rates: ArrayLike<number>,
  los: LosDistribution,
  initialInService: number,
  initialSurvival: (t: number) => number,
  stepsPerDay = 16,
): Float64Array {
  const days = rates.length;
  const h = 1 / stepsPerDay;
  const steps = days * stepsPerDay;
  const survivalAtLag = new Float64Array(steps);
  for (let k = 0; k < steps; k++) survivalAtLag[k] = losSurvival(los, k * h);
  const daily = new Float64Array(days);
  for (let i = 0; i < steps; i++) {
    let occupancy = initialInService * initialSurvival((i + 0.5) * h) + rates[Math.floor(i / stepsPerDay)] * h * 0.5;
    for (let j = 0; j < i; j++) occupancy += rates[Math.floor(j / stepsPerDay)] * h * survivalAtLag[i - j];
    daily[Math.floor(i / stepsPerDay)] += occupancy / stepsPerDay;
  }
  return daily;
}
