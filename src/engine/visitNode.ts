/**
 * A visit-based node (P1, care at home): daily time steps, a caseload converted to visit
 * slots a day, and patients whose visit plans fall from an initial to a final daily rate.
 *
 * Each patient, in referral order, starts on the first day (from their referral on) on
 * which every day of their plan fits in the slots still free, and books them. A later
 * referral with a lighter plan may start before an earlier one: that is how P1 teams book.
 */
import { ArrivalTimesCache, generateArrivalCounts } from './arrivals.js';
import { extendSequence, KeptDraws, type KeptSequence } from './keptDraws.js';
import { DailyRecord, Metric } from './dailyRecord.js';
import { losQuantile, losSurvival, type LosDistribution } from './lengthOfStay.js';
import { VISIT_RATE_SD } from './model.js';
import type { Compatibility } from './replications.js';
import { createStream, normalCdf, normalQuantile, StreamPurpose, uniform, type UniformSource } from './random.js';
import { fillVisitPlan, roundHalfEven, VisitSlots } from './visitSlots.js';

// The visit plan belongs with the booking of slots; kept importable from here, where it was.
export { fillVisitPlan, roundHalfEven };

export interface VisitScenario {
  /** Mean referrals a day. */
  rates: Float64Array;
  /** arrivalProfileKey of the rates, to keep referral times for scenarios sharing them; undefined: draw afresh. */
  arrivalProfile: string | undefined;
  /** Key of the LOS and visit-rate draws, to keep them for scenarios sharing them (VisitDraws); undefined: draw afresh. */
  drawProfile: string | undefined;
  /** Patients served at once. */
  caseload: number;
  initialVisitRate: number;
  finalVisitRate: number;
  initialVisitRates: VisitRateDistribution;
  finalVisitRates: VisitRateDistribution;
  wholeDayLos: WholeDayLos;
  initialOccupied: number;
  initialWaiting: number;
  costPerVisit: number;
  acuteDelayCost: number;
  compat: Compatibility;
}

/**
 * Visit slots a day: the caseload times the mean visits a patient needs a day. Not rounded
 * (as in IPACS): visits are whole, so a fractional slot is simply never usable.
 */
export function visitSlotsPerDay(scenario: Pick<VisitScenario, 'caseload' | 'initialVisitRate' | 'finalVisitRate'>): number {
  // Times 0.5, not divided by 2 (the same number): the compiler then expects a fraction from
  // the start, rather than guessing whole numbers from the first scenarios and recompiling
  // the whole replication loop when a fractional caseload comes.
  return scenario.caseload * (scenario.initialVisitRate + scenario.finalVisitRate) * 0.5;
}

/**
 * Slots a replication can usefully track. Whole visits cannot use a fraction of a slot,
 * and no day can ever need more slots than every patient of the replication booking on it
 * at the highest possible rate, so an unrestricted (even infinite) caseload is that many.
 */
function usableSlots(slots: number, patients: number, highestRate: number): number {
  return Math.min(Math.floor(slots), patients * highestRate);
}

/** A continuous distribution, by its distribution function and quantile function. */
interface Continuous {
  cdf(x: number): number;
  quantile(p: number): number;
}

/** Size of the guide table that starts each search near its answer: the top 10 bits of a stream's word. */
const GUIDE_SIZE = 1024;
const GUIDE_SHIFT = 22;
/** 2^-32: a stream's 32-bit word to a uniform, as random.ts's uniform(). */
const WORD_TO_UNIFORM = 1 / 4294967296;
/** Whole days are tabulated up to this quantile of the stay; rarer, longer stays are computed. */
const TABULATED_UP_TO = 1 - 1e-6;

/**
 * A whole-day length of stay: a continuous draw rounded to whole days, kept only within
 * `[low, high]` days. Sampled by inverting its distribution function: `round(Q(p))` with
 * `p` uniform between `F(low - 0.5)` and `F(high + 0.5)`, which is exactly the rounded draw
 * conditioned on the range (a rejection loop's law), from one uniform. The rounding points
 * `F(k + 0.5)` are tabulated once per scenario and found through a guide table, so a patient
 * costs a uniform and a few comparisons instead of a normal quantile and an exponential.
 */
export class WholeDayLos {
  private readonly lowP: number;
  private readonly width: number;
  /** `roundingPoints[i] = F(low + i + 0.5)`. */
  private readonly roundingPoints: Float64Array;
  private readonly guide: Int32Array;
  /**
   * `settled[j]`: the stay of every uniform in guide cell j, or 0 when the cell holds a rounding
   * point (the search then decides). Most cells hold none, so most draws need no search, and no
   * rounding point read (a branch that went either way at random).
   */
  private readonly settled: Int32Array;

  constructor(
    private readonly continuous: Continuous,
    private readonly low: number,
    private readonly high: number,
  ) {
    this.lowP = continuous.cdf(low - 0.5);
    const highP = Number.isFinite(high) ? continuous.cdf(high + 0.5) : 1;
    this.width = highP - this.lowP;
    if (!(this.width > 0)) throw new RangeError(`no whole-day length of stay between ${low} and ${high} days has any probability`);
    const lastTabulated = Math.min(high, Math.max(low, Math.ceil(continuous.quantile(Math.min(highP, TABULATED_UP_TO)))));
    this.roundingPoints = Float64Array.from({ length: lastTabulated - low + 1 }, (_, i) => continuous.cdf(low + i + 0.5));
    this.guide = new Int32Array(GUIDE_SIZE);
    let i = 0;
    for (let j = 0; j < GUIDE_SIZE; j++) {
      const p = this.lowP + (j / GUIDE_SIZE) * this.width;
      while (i < this.roundingPoints.length && this.roundingPoints[i] < p) i++;
      this.guide[j] = i;
    }
    // A uniform u in cell j (below (j + 1) / GUIDE_SIZE) has p = lowP + u * width at most the
    // cell's upper edge worked out the same way, rounding being monotone: when the cell's first
    // rounding point is not below that edge, the search stops there for every u in the cell.
    this.settled = new Int32Array(GUIDE_SIZE);
    for (let j = 0; j < GUIDE_SIZE; j++) {
      const i = this.guide[j];
      if (i < this.roundingPoints.length && this.roundingPoints[i] >= this.lowP + ((j + 1) / GUIDE_SIZE) * this.width) this.settled[j] = this.low + i;
    }
  }

  /** The mean whole-day stay (the rare stays beyond the table by the continuous quantile). */
  mean(): number {
    const points = this.roundingPoints;
    let previous = this.lowP;
    let sum = 0;
    for (let i = 0; i < points.length; i++) {
      sum += (this.low + i) * (points[i] - previous);
      previous = points[i];
    }
    const highP = this.lowP + this.width;
    const tailMass = highP - previous;
    if (tailMass > 0) {
      const steps = 64;
      let tail = 0;
      for (let j = 0; j < steps; j++) {
        // Where the distribution function rounds to 1 before the table ends, the quantile of
        // what is left is infinite in floating point, though no draw can reach it.
        const quantile = this.continuous.quantile(previous + (tailMass * (j + 0.5)) / steps);
        tail += Number.isFinite(quantile) ? Math.max(this.low + points.length, quantile) : this.low + points.length;
      }
      sum += (tail / steps) * tailMass;
    }
    return sum / this.width;
  }

  sample(stream: UniformSource): number {
    // uniform(stream), from the word whose top bits are its guide cell.
    const word = stream.next() >>> 0;
    const settled = this.settled[word >>> GUIDE_SHIFT];
    if (settled > 0) return settled;
    const u = (word + 0.5) * WORD_TO_UNIFORM;
    const p = this.lowP + u * this.width;
    const points = this.roundingPoints;
    let i = this.guide[word >>> GUIDE_SHIFT];
    while (i < points.length && points[i] < p) i++;
    if (i < points.length) return this.low + i;
    // Beyond the table (one patient in a million): invert directly.
    return Math.min(this.high, Math.max(this.low + points.length, roundHalfEven(this.continuous.quantile(p))));
  }
}

/**
 * Whole-day length of stay, at least one day.
 * Default: a draw of the fitted distribution, rounded, drawn again (in law) if it rounds to 0.
 * IPACS v1: the R code's draw: lognormal with the fitted meanlog and sdlog 1 (its defect),
 * or normal(mean, sd) for `norm`, rounded and kept only when 1 <= LOS < mean + 3 sd, sd
 * being sd_los or 0.3 x mean. IPACS has no other family, so the others (exp, gamma, weibull,
 * unif) draw their fitted distribution under the same rounding and the same window.
 */
export function wholeDayLos(los: LosDistribution, compat: Compatibility, input: { mean: number; sd?: number }): WholeDayLos {
  if (compat !== 'ipacs-v1') {
    // Every capacity and arrival scenario of a node shares its LOS scenarios, and the
    // calibration tabulates a few thousand points a step: worth computing once per thread.
    const key = `${los.family} ${los.mu} ${los.sigma} ${input.mean}`;
    let calibrated = calibrationCache.get(key);
    if (!calibrated) {
      if (calibrationCache.size >= 256) calibrationCache.clear();
      calibrated = calibratedWholeDayLos(los, input.mean);
      calibrationCache.set(key, calibrated);
    }
    return calibrated;
  }
  const sd = input.sd ?? 0.3 * input.mean;
  const high = Math.ceil(input.mean + 3 * sd) - 1;
  if (los.family === 'lnorm') {
    const meanlog = los.mu;
    return new WholeDayLos({ cdf: (x) => (x <= 0 ? 0 : normalCdf(Math.log(x) - meanlog)), quantile: (p) => Math.exp(meanlog + normalQuantile(p)) }, 1, high);
  }
  if (los.family === 'norm') {
    return new WholeDayLos({ cdf: (x) => normalCdf((x - input.mean) / sd), quantile: (p) => input.mean + sd * normalQuantile(p) }, 1, high);
  }
  return new WholeDayLos({ cdf: (x) => 1 - losSurvival(los, x), quantile: (p) => losQuantile(los, p) }, 1, high);
}

/**
 * The default whole-day stay, scaled so its mean is the stated mean. Rounding, and drawing
 * again a stay that rounds to 0 days, lift the mean of a short or very spread stay (P1_NS
 * in the IPACS sample: 18.7 days in, 20.3 out): the spec asks for both the redraw and the
 * stated mean, so the fitted distribution is stretched by the factor c that makes
 * E[round(cX) | round(cX) >= 1] the input mean. The shape (lognormal sigma, normal CV) is
 * kept; the median moves by the same factor, typically well under 10 %.
 */
const calibrationCache = new Map<string, WholeDayLos>();

function calibratedWholeDayLos(los: LosDistribution, target: number): WholeDayLos {
  const scaled = (c: number) => new WholeDayLos({ cdf: (x) => 1 - losSurvival(los, x / c), quantile: (p) => c * losQuantile(los, p) }, 1, Infinity);
  if (!(target > 1)) return scaled(1e-9); // every stay is one day
  try {
    return secantCalibration(scaled, target);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // A narrow stay (sd well under a day) makes the mean nearly a step function of c, and a
    // secant step can land where no stay rounds to a day or so far out that the table cannot
    // be allocated. Bisection is slower but only ever tries scales between two that worked
    // or were too short; it runs only where the secant failed, so other results keep their bytes.
    return bisectionCalibration(scaled, target);
  }
}

function secantCalibration(scaled: (c: number) => WholeDayLos, target: number): WholeDayLos {
  // The proportional step c x target / mean(c) first, then secant steps: the mean is smooth
  // and increasing in c, and each evaluation tabulates up to ten thousand points, while the
  // first scenario to need it waits (4-12 proportional steps took 50 ms on the IPACS sample).
  let previousC = 1;
  const previous = scaled(previousC);
  let previousMean = previous.mean();
  if (Math.abs(previousMean - target) < 1e-9 * target) return previous;
  let c = (previousC * target) / previousMean;
  let best = scaled(c);
  for (let i = 0; i < 50; i++) {
    const mean = best.mean();
    if (Math.abs(mean - target) < 1e-9 * target || mean === previousMean) break;
    const next = c + ((target - mean) * (c - previousC)) / (mean - previousMean);
    previousC = c;
    previousMean = mean;
    c = next > 0 ? next : (c * target) / mean;
    // A step this long means the mean is not behaving smoothly here (a narrow stay), and
    // following it can tabulate millions of days: leave it to the bisection.
    if (!(c < 8 * previousC && c > previousC / 8)) throw new RangeError(`the secant step from a scale of ${previousC} to ${c} is too long`);
    best = scaled(c);
  }
  return best;
}

/**
 * The scale whose mean is the target, by bisection. The mean rises with c; a scale so small
 * that no stay rounds to a whole day counts as too short.
 */
function bisectionCalibration(scaled: (c: number) => WholeDayLos, target: number): WholeDayLos {
  const attempt = (c: number): WholeDayLos | undefined => {
    try {
      return scaled(c);
    } catch (error) {
      if (error instanceof RangeError) return undefined;
      throw error;
    }
  };
  let low = 1;
  let high = 1;
  for (let lowMean = attempt(low)?.mean(); lowMean !== undefined && lowMean > target && low > 1e-12; lowMean = attempt(low)?.mean()) low /= 2;
  let best = attempt(high);
  while (!best || best.mean() < target) {
    high *= 2;
    best = attempt(high);
    if (high > 1e12) throw new RangeError(`no scale of the length of stay gives a mean whole-day stay of ${target}`);
  }
  for (let i = 0; i < 100 && high - low > 1e-12 * high; i++) {
    const middle = (low + high) / 2;
    const candidate = attempt(middle);
    const mean = candidate?.mean();
    if (candidate === undefined || mean === undefined || mean < target) low = middle;
    else {
      high = middle;
      best = candidate;
      if (Math.abs(mean - target) < 1e-9 * target) break;
    }
  }
  return best;
}

export function sampleVisitLos(scenario: VisitScenario, stream: UniformSource): number {
  return scenario.wholeDayLos.sample(stream);
}

/**
 * The distribution of a patient's daily visit rate: a normal draw (sd 0.5) rounded to whole
 * visits and kept only when in (0, mean + 3 sd]. That is a small discrete distribution, so
 * its probabilities are computed once and each patient needs one uniform and a table
 * look-up instead of a rejection loop of normal draws: the same distribution, faster, and
 * monotone in the uniform (common random numbers).
 */
/** Cells of the guide table that starts a visit rate's search at (nearly always) its answer: the top 8 bits of a word. */
const RATE_GUIDE_SIZE = 256;
const RATE_GUIDE_SHIFT = 24;

export class VisitRateDistribution {
  readonly rates: Int32Array;
  readonly cumulative: Float64Array;
  /** The largest rate a patient can draw. */
  readonly highest: number;
  /**
   * `guide[j]`: the first rate whose cumulative probability reaches j / RATE_GUIDE_SIZE. A
   * search from it lands on the same rate as one from the lowest, but the scan from the lowest
   * stopped after a random number of steps, a mispredicted branch at nearly every draw.
   */
  private readonly guide = new Int32Array(RATE_GUIDE_SIZE);
  /** `settled[j]`: the rate of every uniform in guide cell j, or 0 when a cumulative probability falls inside the cell. */
  private readonly settled = new Int32Array(RATE_GUIDE_SIZE);

  constructor(readonly mean: number) {
    const upper = Math.floor(mean + 3 * VISIT_RATE_SD);
    const rates: number[] = [];
    const masses: number[] = [];
    for (let k = 1; k <= upper; k++) {
      const mass = normalCdf((k + 0.5 - mean) / VISIT_RATE_SD) - normalCdf((k - 0.5 - mean) / VISIT_RATE_SD);
      if (mass > 0) {
        rates.push(k);
        masses.push(mass);
      }
    }
    const total = masses.reduce((sum, mass) => sum + mass, 0);
    if (!(total > 0)) throw new RangeError(`a mean visit rate of ${mean} a day leaves no whole number of visits in (0, ${mean + 3 * VISIT_RATE_SD}]`);
    this.rates = Int32Array.from(rates);
    this.cumulative = new Float64Array(masses.length);
    let running = 0;
    masses.forEach((mass, i) => {
      running += mass / total;
      this.cumulative[i] = running;
    });
    this.cumulative[masses.length - 1] = 1;
    this.highest = rates[rates.length - 1];
    let i = 0;
    for (let j = 0; j < RATE_GUIDE_SIZE; j++) {
      while (j / RATE_GUIDE_SIZE > this.cumulative[i]) i++;
      this.guide[j] = i;
      // Every u in the cell is below its upper edge, so none passes a cumulative probability there.
      if (this.cumulative[i] >= (j + 1) / RATE_GUIDE_SIZE) this.settled[j] = this.rates[i];
    }
  }

  sample(stream: UniformSource): number {
    // uniform(stream), from the word whose top bits are its guide cell.
    const word = stream.next() >>> 0;
    const settled = this.settled[word >>> RATE_GUIDE_SHIFT];
    if (settled > 0) return settled;
    const u = (word + 0.5) * WORD_TO_UNIFORM;
    const cumulative = this.cumulative;
    let i = this.guide[word >>> RATE_GUIDE_SHIFT];
    while (u > cumulative[i]) i++;
    return this.rates[i];
  }
}

/** A replication's draws: raw visit rates (initial, final) per patient, and referrals' stays. */
export interface VisitDrawSet {
  /** `rates[2j]`, `rates[2j + 1]`: patient j's initial and final rate before any cap (patients in service first, then the queue). */
  rates: Int32Array;
  /** `stays[k]`: the k-th referral's stay in whole days. */
  stays: Int32Array;
}

/**
 * The visit rates and referrals' stays of a replication: the j-th patient's rates are the
 * j-th pair of draws of the visit-rate stream and the k-th referral's stay the k-th draw of
 * the LOS stream, whatever the caseload or arrival scenario (common random numbers; caps
 * on the rates are applied afterwards). Scenarios sharing an LOS scenario may keep them
 * here, up to a memory bound, so each is drawn once; a scenario with more referrals extends
 * them from where the streams stopped (see KeptDraws).
 */
export class VisitDraws {
  private readonly kept: KeptDraws<Array<{ rates: KeptSequence<Int32Array>; stays: KeptSequence<Int32Array> } | undefined>>;
  private readonly fresh = { rates: { values: new Int32Array(0), count: 0, stream: { next: () => 0 } }, stays: { values: new Int32Array(0), count: 0, stream: { next: () => 0 } } };

  constructor(maxValues = 8_000_000) {
    this.kept = new KeptDraws(maxValues, () => []);
  }

  draws(profile: string | undefined, scenario: VisitScenario, streams: { rates: () => UniformSource; stays: () => UniformSource }, replication: number, patients: number, referrals: number): VisitDrawSet {
    const drawRates = (stream: UniformSource, out: Int32Array, from: number, to: number) => drawVisitRates(scenario, stream, out, from, to);
    const drawStays = (stream: UniformSource, out: Int32Array, from: number, to: number) => drawWholeDayStays(scenario, stream, out, from, to);
    if (profile === undefined) {
      const { rates, stays } = this.fresh;
      rates.count = 0;
      stays.count = 0;
      rates.stream = streams.rates();
      stays.stream = streams.stays();
      extendSequence(rates, 2 * patients, drawRates);
      extendSequence(stays, referrals, drawStays);
      return { rates: rates.values, stays: stays.values };
    }
    let entry = this.kept.find(profile)?.[replication];
    const missing = (kept: typeof entry) => Math.max(0, 2 * patients - (kept?.rates.count ?? 0)) + Math.max(0, referrals - (kept?.stays.count ?? 0));
    if (entry && missing(entry) === 0) return { rates: entry.rates.values, stays: entry.stays.values };
    if (this.kept.makeRoom(missing(entry))) entry = undefined;
    const replications = this.kept.hold(profile, missing(entry));
    if (!entry) {
      entry = { rates: { values: new Int32Array(0), count: 0, stream: streams.rates() }, stays: { values: new Int32Array(0), count: 0, stream: streams.stays() } };
      replications[replication] = entry;
    }
    extendSequence(entry.rates, 2 * patients, drawRates);
    extendSequence(entry.stays, referrals, drawStays);
    return { rates: entry.rates.values, stays: entry.stays.values };
  }
}

/*
 * The draw loops live at module level, the closures above only forward to them: a loop in a
 * closure made afresh on each call was compiled again for each scenario (drawStays 13 times
 * on the national workbook, 562 ms of one thread's compiling).
 */
function drawVisitRates(scenario: VisitScenario, stream: UniformSource, out: Int32Array, from: number, to: number): void {
  for (let j = from; j < to; j += 2) {
    out[j] = scenario.initialVisitRates.sample(stream);
    out[j + 1] = scenario.finalVisitRates.sample(stream);
  }
}

function drawWholeDayStays(scenario: VisitScenario, stream: UniformSource, out: Int32Array, from: number, to: number): void {
  for (let k = from; k < to; k++) out[k] = scenario.wholeDayLos.sample(stream);
}

/**
 * Days left at day 1 of a stay of `fullStay` days already under way: 1 to `fullStay`, equally
 * likely. IPACS v1 draws it as its R code does, rounding 1 + u (fullStay - 1).
 */
export function daysLeftAtStart(fullStay: number, initialStream: UniformSource, ipacsV1: boolean): number {
  return ipacsV1 ? roundHalfEven(1 + uniform(initialStream) * (fullStay - 1)) : fullStay - Math.floor(uniform(initialStream) * fullStay);
}

/** Replications booked one by one, without the attempt, after one where someone waited. */
const SKIPPED_AFTER_A_WAIT = 7;

export class VisitNodeSimulator {
  readonly record: DailyRecord;
  private readonly referrals: Int32Array;
  private readonly waitSum: Float64Array;
  private readonly community: Float64Array;
  /** Change in the waiting count at each day (difference array). */
  private readonly queueSteps: Float64Array;
  private readonly slotBook = new VisitSlots();
  private readonly noCalendar = new Int32Array(0);
  /** `leastFirstVisits[k]`: the fewest visits any referral from the k-th on needs on its first day. */
  private leastFirstVisits = new Int32Array(0);
  private slots = 0;
  /**
   * Replications of `attemptsFor` still to book one by one without first trying everyone on
   * their referral day: after a replication where someone waited, the next few nearly always
   * have someone wait too (a queue at the start, or too few slots). Trying at every one made
   * the IPACS sample's P1_B baseline, where 39 wait at the start, about 7 % slower; one in
   * eight, about 1 %. Either way books the same, so this changes only the time.
   */
  private attemptsToSkip = 0;
  private attemptsFor: VisitScenario | undefined;
  /** A replication's admissions after day 1 or from the initial queue, and patients still waiting at the end. */
  private delayedAdmissions = 0;
  private waitingAtEnd = 0;

  constructor(
    readonly days: number,
    private readonly arrivalCache = new ArrivalTimesCache(),
    private readonly visitDraws = new VisitDraws(),
  ) {
    this.record = new DailyRecord(days);
    this.referrals = new Int32Array(days);
    this.waitSum = new Float64Array(days);
    this.community = new Float64Array(days);
    this.queueSteps = new Float64Array(days + 1);
  }

  simulate(scenario: VisitScenario, seed: number, nodeKey: number, replication: number, record: DailyRecord = this.record): DailyRecord {
    const days = this.days;
    record.reset();
    this.waitSum.fill(0);
    this.queueSteps.fill(0);
    const initialStream = createStream(seed, nodeKey, replication, StreamPurpose.InitialState);
    // Referral times are only ever counted by day here: counted as drawn, and kept as counts.
    const referred =
      scenario.arrivalProfile === undefined
        ? generateArrivalCounts(scenario.rates, createStream(seed, nodeKey, replication, StreamPurpose.Arrivals), this.referrals)
        : this.arrivalCache.counts(scenario.arrivalProfile, scenario.rates, () => createStream(seed, nodeKey, replication, StreamPurpose.Arrivals), replication, this.referrals);

    const occupied = Math.max(0, Math.floor(scenario.initialOccupied));
    const waiting = Math.max(0, Math.floor(scenario.initialWaiting));
    const { rates, stays } = this.visitDraws.draws(
      scenario.drawProfile,
      scenario,
      { rates: () => createStream(seed, nodeKey, replication, StreamPurpose.VisitRates), stays: () => createStream(seed, nodeKey, replication, StreamPurpose.LengthOfStay) },
      replication,
      occupied + waiting + referred,
      referred,
    );
    const highestRate = Math.max(scenario.initialVisitRates.highest, scenario.finalVisitRates.highest);
    const slots = usableSlots(visitSlotsPerDay(scenario), occupied + waiting + referred, highestRate);
    this.slots = slots;
    this.slotBook.reset(this.noCalendar, slots, days, highestRate);
    record.row(Metric.arrivals).set(this.referrals);

    // The replication in three methods, not one: a process runs a few scenarios only, so the
    // first scenario runs while the compiler works, and one large method was compiled (and,
    // being in its loop, compiled again on the stack) as a whole, its booking inlined again,
    // long after its small parts would have been ready.
    this.delayedAdmissions = 0;
    this.waitingAtEnd = 0;
    if (scenario !== this.attemptsFor) {
      this.attemptsFor = scenario;
      this.attemptsToSkip = 0;
    }
    // Patients at the start outnumbering the caseload nearly always leave some waiting: no attempt.
    const attempted = this.attemptsToSkip === 0 && occupied + waiting <= scenario.caseload;
    if (!(attempted && this.bookAllOnTheirDays(scenario, initialStream, rates, stays, occupied, waiting, record))) {
      if (attempted) this.attemptsToSkip = SKIPPED_AFTER_A_WAIT;
      else if (this.attemptsToSkip > 0) this.attemptsToSkip--;
      // An attempt drew from the initial state's stream: start it again.
      const initial = attempted ? createStream(seed, nodeKey, replication, StreamPurpose.InitialState) : initialStream;
      this.startInService(scenario, initial, rates, occupied, record);
      this.bookReferrals(scenario, initial, rates, stays, occupied, waiting, referred, record);
    }
    this.tallyDays(scenario, record);
    record.finish(this.waitSum, this.delayedAdmissions, this.waitingAtEnd, scenario.acuteDelayCost, this.community);
    return record;
  }

  /**
   * When the slots have room for everyone, every patient starts on their referral day (the
   * initial queue on day 1): what startInService and bookReferrals then work out patient by
   * patient, booked here as one round with the check made once (VisitSlots.beginOnRequestDays).
   * False, with nothing recorded, when some patient would have to wait; the caller then books
   * them one by one. IPACS v1's in-service patients are booked like referrals, so it is left to
   * the general path.
   */
  private bookAllOnTheirDays(scenario: VisitScenario, initialStream: UniformSource, rates: Int32Array, stays: Int32Array, occupied: number, waiting: number, record: DailyRecord): boolean {
    const days = this.days;
    const slots = this.slots;
    const book = this.slotBook;
    if (scenario.compat === 'ipacs-v1' || !(slots > 0) || !book.beginOnRequestDays()) return false;
    const departures = record.row(Metric.departures);
    for (let i = 0; i < occupied; i++) {
      const fullStay = sampleVisitLos(scenario, initialStream);
      const remaining = daysLeftAtStart(fullStay, initialStream, false);
      if (!book.requestOn(0, book.tail(this.planFor(rates, i, fullStay), remaining))) return this.forgetDepartures(departures);
      if (remaining - 1 < days) departures[remaining - 1]++;
    }
    for (let k = 0; k < waiting; k++) {
      const stay = sampleVisitLos(scenario, initialStream);
      if (!book.requestOn(0, this.planFor(rates, occupied + k, stay))) return this.forgetDepartures(departures);
      if (stay - 1 < days) departures[stay - 1]++;
    }
    let patient = occupied + waiting;
    let referral = 0;
    for (let day = 0; day < days; day++) {
      for (let end = referral + this.referrals[day]; referral < end; referral++, patient++) {
        const stay = stays[referral];
        if (!book.requestOn(day, this.planFor(rates, patient, stay))) return this.forgetDepartures(departures);
        if (day + stay - 1 < days) departures[day + stay - 1]++;
      }
    }
    if (!book.finishOnRequestDays()) return this.forgetDepartures(departures);
    // Each starts the day they are referred: no wait, no queue left, the initial queue delayed.
    const admissions = record.row(Metric.admissions);
    for (let day = 0; day < days; day++) admissions[day] = this.referrals[day];
    admissions[0] += waiting;
    this.delayedAdmissions += waiting;
    return true;
  }

  /**
   * Patient `patient`'s plan for a stay: their drawn rates capped at the slots, the final rate
   * at one visit at least, so that with any slots at all every plan fits somewhere.
   */
  private planFor(rates: Int32Array, patient: number, stay: number): number {
    const slots = this.slots;
    return this.slotBook.plan(stay, Math.min(rates[2 * patient], slots), Math.min(rates[2 * patient + 1], Math.max(slots, 1)));
  }

  private forgetDepartures(departures: Float64Array): false {
    departures.fill(0);
    return false;
  }

  /**
   * Patients in service at day 1 carry on with the tail of a plan begun before it, keeping
   * their visits even when that overfills day 1 (as beds above capacity do). IPACS v1 books
   * them like new referrals instead, so they can queue; compatibility mode does the same.
   */
  private startInService(scenario: VisitScenario, initialStream: UniformSource, rates: Int32Array, occupied: number, record: DailyRecord): void {
    const days = this.days;
    const book = this.slotBook;
    const admissions = record.row(Metric.admissions);
    const departures = record.row(Metric.departures);
    const compat = scenario.compat === 'ipacs-v1';
    for (let i = 0; i < occupied; i++) {
      const fullStay = sampleVisitLos(scenario, initialStream);
      const remaining = daysLeftAtStart(fullStay, initialStream, compat);
      const tail = book.tail(this.planFor(rates, i, fullStay), remaining);
      if (!compat) {
        book.book(0, tail);
        if (remaining - 1 < days) departures[remaining - 1]++;
        continue;
      }
      const start = this.queueAndBook(0, tail);
      if (start >= days) {
        this.waitingAtEnd++;
      } else {
        if (start > 0) {
          admissions[start]++;
          this.waitSum[start] += start;
          this.delayedAdmissions++;
        }
        if (start + remaining - 1 < days) departures[start + remaining - 1]++;
      }
    }
  }

  /** Books the `waiting` patients of the initial queue (on day 1) and then the `referred`, in order, each at its first fit. */
  private bookReferrals(scenario: VisitScenario, initialStream: UniformSource, rates: Int32Array, stays: Int32Array, occupied: number, waiting: number, referred: number, record: DailyRecord): void {
    const days = this.days;
    const slots = this.slots;
    const book = this.slotBook;
    const total = waiting + referred;
    const admissions = record.row(Metric.admissions);
    const departures = record.row(Metric.departures);
    let delayedAdmissions = 0;
    let waitingAtEnd = 0;
    let day = 0;
    let referredToday = 0;
    // Once no day before the horizon has as many free slots as the lightest first day of the
    // referrals still to come, none of them can start before it: they all wait to the end, and
    // their bookings, which move nothing recorded, are not made (a fifth of the bookings of a
    // P1 scenario with a long queue). Looked for only after a booking lands past the horizon.
    let leastFirstKnown = false;
    let frontier = 0;
    let closed = false;
    for (let k = 0; k < total; k++) {
      // The initial queue counts as referred on day 1, ahead of that day's referrals.
      const isInitial = k < waiting;
      let referralDay = 0;
      if (!isInitial) {
        while (referredToday >= this.referrals[day]) {
          day++;
          referredToday = 0;
        }
        referredToday++;
        referralDay = day;
      }
      if (closed) {
        this.queueSteps[referralDay] += 1;
        waitingAtEnd++;
        continue;
      }
      const stay = isInitial ? sampleVisitLos(scenario, initialStream) : stays[k - waiting];
      const start = this.queueAndBook(referralDay, this.planFor(rates, occupied + k, stay));
      if (start >= days) {
        waitingAtEnd++;
        if (k + 1 < total && slots > 0) {
          if (!leastFirstKnown) {
            this.findLeastFirstVisits(rates, occupied, k + 1, total, slots);
            leastFirstKnown = true;
          }
          // Free slots only fall and the least first day only rises, so days passed stay passed.
          frontier = book.firstDayWithFree(Math.max(frontier, referralDay), days, this.leastFirstVisits[k + 1]);
          closed = frontier >= days;
        }
        continue;
      }
      admissions[start]++;
      this.waitSum[start] += start - referralDay;
      if (start > referralDay || isInitial) delayedAdmissions++;
      const lastDay = start + stay - 1;
      if (lastDay < days) departures[lastDay]++;
    }
    this.delayedAdmissions += delayedAdmissions;
    this.waitingAtEnd += waitingAtEnd;
  }

  /** Each day's patients in service (visits over the mean rate), queue and community cost. */
  private tallyDays(scenario: VisitScenario, record: DailyRecord): void {
    const book = this.slotBook;
    const occ = record.row(Metric.occ);
    const niq = record.row(Metric.niq);
    const meanVisits = (scenario.initialVisitRate + scenario.finalVisitRate) / 2;
    let queue = 0;
    for (let d = 0; d < this.days; d++) {
      const used = book.usedOn(d);
      occ[d] = used / meanVisits;
      this.community[d] = used * scenario.costPerVisit;
      queue += this.queueSteps[d];
      niq[d] = queue;
    }
  }

  /**
   * Fills `leastFirstVisits[from, total)` for the `total` patients after the `occupied` in
   * service. Only the patients after the first booked past the horizon are ever asked about,
   * and on the IPACS sample's P1_B baseline that booking comes two thirds of the way through.
   */
  private findLeastFirstVisits(rates: Int32Array, occupied: number, from: number, total: number, slots: number): void {
    if (this.leastFirstVisits.length < total) this.leastFirstVisits = new Int32Array(Math.ceil(total * 1.25));
    const least = this.leastFirstVisits;
    let lightest = slots;
    for (let k = total - 1; k >= from; k--) {
      const first = Math.min(rates[2 * (occupied + k)], slots);
      if (first < lightest) lightest = first;
      least[k] = lightest;
    }
  }

  /**
   * Puts a patient referred on `referralDay` in the queue and books their plan at its first
   * fit; returns the start day (Infinity when no slots exist at all). The queue count falls
   * on the start day.
   */
  private queueAndBook(referralDay: number, plan: number): number {
    // With slots, every plan fits somewhere: its rates are capped at the slots.
    const start = this.slots > 0 ? this.slotBook.bookFirstFit(referralDay, plan) : Infinity;
    this.queueSteps[referralDay] += 1;
    if (start < this.days) this.queueSteps[start] -= 1;
    return start;
  }
}
