/**
 * Arrival profiles: external arrivals shaped within the day or the week, each day keeping its
 * mean `arrivals[d]` (the weights of the periods in a day are renormalised over that day).
 *
 * Arrival times invert the cumulative intensity of a unit-rate Poisson process, as
 * `generateArrivalTimes` does for a constant rate within each day, with the same draws: the
 * profile only changes where in its day each arrival falls.
 */
import type { ArrivalTimes } from '../arrivals.js';
import { standardExponential, type UniformSource } from '../random.js';
import { checkCycle, type CyclePeriod } from './cycle.js';

export interface ArrivalProfileSpec {
  /** 1 (a day) or 7 (a week); day 1 starts the cycle. */
  cycleDays: number;
  /** Periods tiling the cycle in order; the intensity in each is proportional to its weight. */
  periods: (CyclePeriod & { weight: number })[];
}

export class ArrivalProfile {
  readonly cycleDays: number;
  /** For each day of the cycle: segment bounds within the day (0 .. 1). */
  private readonly bounds: Float64Array[] = [];
  /** For each day of the cycle: the share of the day's arrivals before each bound (0 .. 1). */
  private readonly shares: Float64Array[] = [];
  /** Everything timeInDay reads, as text: two profiles with the same place every arrival alike (arrivalDraws.ts keys kept draws by it). */
  readonly fingerprint: string;

  /** Throws a RangeError naming the field under `where`. */
  constructor(spec: ArrivalProfileSpec, where: string) {
    checkCycle(spec.cycleDays, spec.periods, where);
    spec.periods.forEach((p, i) => {
      if (!(p.weight >= 0) || !Number.isFinite(p.weight)) throw new RangeError(`${where}.periods[${i}].weight: ${p.weight} is not a non-negative number`);
    });
    this.cycleDays = spec.cycleDays;
    for (let day = 0; day < spec.cycleDays; day++) {
      const bounds = [0];
      const mass = [0];
      for (const p of spec.periods) {
        const from = Math.max(p.start, day);
        const to = Math.min(p.end, day + 1);
        if (to <= from) continue;
        bounds.push(to - day);
        mass.push(mass[mass.length - 1] + p.weight * (to - from));
      }
      const total = mass[mass.length - 1];
      if (!(total > 0)) throw new RangeError(`${where}.periods: day ${day + 1} of the cycle has no weight, so its arrivals have nowhere to fall`);
      this.bounds.push(Float64Array.from(bounds));
      this.shares.push(Float64Array.from(mass, (m) => m / total));
    }
    const exactly = (values: Float64Array) => Array.from(values, (v) => (Object.is(v, -0) ? '-0' : String(v))).join(',');
    this.fingerprint = `${this.cycleDays};${this.bounds.map(exactly).join(';')};${this.shares.map(exactly).join(';')}`;
  }

  /** Time within day `day` (0-based from day 1; negative in a warm-up) at which a share `share` (0 .. 1) of its arrivals have come. */
  timeInDay(day: number, share: number): number {
    const cycleDay = ((day % this.cycleDays) + this.cycleDays) % this.cycleDays;
    const bounds = this.bounds[cycleDay];
    const shares = this.shares[cycleDay];
    let k = 1;
    // Skip zero-weight segments (equal shares) so nobody arrives in them.
    while (k < shares.length - 1 && !(share <= shares[k] && shares[k] > shares[k - 1])) k++;
    const within = (share - shares[k - 1]) / (shares[k] - shares[k - 1]);
    return Math.min(bounds[k], bounds[k - 1] + Math.max(0, within) * (bounds[k] - bounds[k - 1]));
  }
}

/**
 * Poisson arrivals with mean `rates[d]` on day d, shaped within each day by `profile`;
 * `rates[firstDay]` is day 1 (the days before it are a warm-up), which starts the cycle.
 */
export function generateProfiledArrivalTimes(rates: ArrayLike<number>, profile: ArrivalProfile, stream: UniformSource, out: ArrivalTimes, firstDay = 0): void {
  out.count = 0;
  let intensityBeforeDay = 0;
  let target = standardExponential(stream);
  for (let day = 0; day < rates.length; day++) {
    const rate = rates[day];
    const intensityAfterDay = intensityBeforeDay + rate;
    while (target <= intensityAfterDay && rate > 0) {
      out.push(day + profile.timeInDay(day - firstDay, Math.min(1, (target - intensityBeforeDay) / rate)));
      target += standardExponential(stream);
    }
    intensityBeforeDay = intensityAfterDay;
  }
}
