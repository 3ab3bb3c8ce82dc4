/**
 * VisitSlots, the booking of P1 visit plans that the visit model and the network's visit
 * nodes share, against a plain reference written straight from the rule: free slots per day
 * in an array, and a plan's first fit found by trying every start day and checking every day
 * of the plan. Random sequences of operations (seeded, so a failure replays) must give the
 * same start days, the same answers to "does it fit on this day" and the same visits booked
 * on every day, with and without a calendar of day-by-day slots.
 */
import { describe, expect, it } from 'vitest';
import { createStream, StreamPurpose, uniform, type UniformSource } from '../../src/engine/random.js';
import { fillVisitPlan, VisitSlots } from '../../src/engine/visitSlots.js';

/** The rule, with no shortcut: days past the array have `tail` slots. */
class ReferenceSlots {
  private readonly free: number[] = [];
  constructor(
    private readonly calendar: number[],
    private readonly tail: number,
  ) {}

  private slots(day: number): number {
    return day < this.calendar.length ? this.calendar[day] : this.tail;
  }

  private freeOn(day: number): number {
    while (this.free.length <= day) this.free.push(this.slots(this.free.length));
    return this.free[day];
  }

  fits(day: number, plan: number[]): boolean {
    return plan.every((visits, k) => this.freeOn(day + k) >= visits);
  }

  book(day: number, plan: number[], sign = 1): void {
    plan.forEach((visits, k) => {
      this.freeOn(day + k);
      this.free[day + k] -= sign * visits;
    });
  }

  /** The first fitting start from `from`; -1 if none within `limit` days (far past every booking and the calendar: never). */
  firstFit(from: number, plan: number[], limit: number): number {
    for (let start = from; start < limit; start++) if (this.fits(start, plan)) return start;
    return -1;
  }

  usedOn(day: number): number {
    return this.slots(day) - this.freeOn(day);
  }

  firstDayWithFree(from: number, until: number, visits: number): number {
    for (let day = from; day < until; day++) if (this.freeOn(day) >= visits) return day;
    return until;
  }
}

const planOf = (stay: number, initial: number, final: number): number[] => {
  const plan = new Int32Array(stay);
  fillVisitPlan(plan, stay, initial, final);
  return Array.from(plan);
};

const between = (stream: UniformSource, low: number, high: number) => low + Math.floor(uniform(stream) * (high - low + 1));

interface Case {
  calendar: number[];
  tail: number;
}

/**
 * A few hundred operations on one book: mostly first-fit bookings from a request day that
 * drifts forward (as referrals do), some forced bookings (patients present at the start),
 * some checks of one day, and some bookings given back (the network's overflow).
 */
function replay(seed: number, { calendar, tail }: Case): void {
  const stream = createStream(seed, 16, 0, StreamPurpose.Arrivals);
  const highestRate = 5;
  const slots = new VisitSlots();
  slots.reset(Int32Array.from(calendar), tail, 60, highestRate);
  const reference = new ReferenceSlots(calendar, tail);
  const booked: Array<{ day: number; stay: number; initial: number; final: number }> = [];
  let day = 0;
  for (let step = 0; step < 400; step++) {
    const stay = between(stream, 1, 25);
    const initial = between(stream, 1, highestRate);
    // Most plans fall, as P1 plans do; some stay level or rise.
    const final = uniform(stream) < 0.8 ? between(stream, 1, initial) : between(stream, initial, highestRate);
    const plan = slots.plan(stay, initial, final);
    const visits = planOf(stay, initial, final);
    const operation = uniform(stream);
    if (operation < 0.05 && step < 40) {
      slots.book(0, plan);
      reference.book(0, visits);
      booked.push({ day: 0, stay, initial, final });
    } else if (operation < 0.15) {
      const on = day + between(stream, 0, 3);
      const fits = reference.fits(on, visits);
      expect(slots.fitsOn(on, plan), `step ${step}: fits on day ${on}`).toBe(fits);
      if (fits) {
        slots.book(on, plan);
        reference.book(on, visits);
        booked.push({ day: on, stay, initial, final });
      }
    } else if (operation < 0.22 && booked.length > 0) {
      const [given] = booked.splice(between(stream, 0, booked.length - 1), 1);
      slots.unbook(given.day, slots.plan(given.stay, given.initial, given.final));
      reference.book(given.day, planOf(given.stay, given.initial, given.final), -1);
    } else {
      const expected = reference.firstFit(day, visits, 10_000);
      const start = slots.bookFirstFit(day, plan);
      expect(start, `step ${step}: first fit from day ${day} of ${visits.join(' ')}`).toBe(expected);
      if (expected >= 0) {
        reference.book(expected, visits);
        booked.push({ day: expected, stay, initial, final });
      }
    }
    const until = day + between(stream, 0, 60);
    const wanted = between(stream, 0, highestRate + 1);
    expect(slots.firstDayWithFree(day, until, wanted), `step ${step}: first day from ${day} to ${until} with ${wanted} free`).toBe(reference.firstDayWithFree(day, until, wanted));
    if (uniform(stream) < 0.3) day++;
  }
  for (let d = 0; d < 400; d++) expect(slots.usedOn(d), `visits booked on day ${d}`).toBe(reference.usedOn(d));
}

/**
 * A long queue, as a P1 team with too small a caseload has (the cases above mostly book near
 * their request day): the start overfilled by patients present at the start, then requests from
 * a day that moves on about every other booking, nearly all plans falling, a few rising, and in
 * one case some bookings given back and some one-day checks that book.
 */
function queueReplay(seed: number, { calendar, tail }: Case, rising: number, givenBackOrChecked: number): void {
  const stream = createStream(seed, 17, 0, StreamPurpose.Arrivals);
  const highestRate = 5;
  const slots = new VisitSlots();
  slots.reset(Int32Array.from(calendar), tail, 40, highestRate);
  const reference = new ReferenceSlots(calendar, tail);
  const booked: Array<{ day: number; visits: number[]; stay: number; initial: number; final: number }> = [];
  for (let i = 0; i < 30; i++) {
    const stay = between(stream, 1, 40);
    const days = between(stream, 1, stay);
    const initial = between(stream, 3, highestRate);
    const final = uniform(stream) < rising ? between(stream, initial, highestRate) : between(stream, 1, 2);
    slots.book(0, slots.tail(slots.plan(stay, initial, final), days));
    reference.book(0, planOf(stay, initial, final).slice(stay - days));
  }
  let day = 0;
  for (let step = 0; step < 600; step++) {
    const stay = between(stream, 1, 30);
    const initial = between(stream, 3, highestRate);
    const final = uniform(stream) < rising ? between(stream, initial, highestRate) : between(stream, 1, 2);
    const visits = planOf(stay, initial, final);
    const operation = uniform(stream);
    if (operation < givenBackOrChecked / 2 && booked.length > 0) {
      const [given] = booked.splice(between(stream, 0, booked.length - 1), 1);
      slots.unbook(given.day, slots.plan(given.stay, given.initial, given.final));
      reference.book(given.day, given.visits, -1);
    } else if (operation < givenBackOrChecked) {
      const on = day + between(stream, 0, 20);
      const fits = reference.fits(on, visits);
      expect(slots.fitsOn(on, slots.plan(stay, initial, final)), `step ${step}: fits on day ${on}`).toBe(fits);
      if (fits) {
        slots.book(on, slots.plan(stay, initial, final));
        reference.book(on, visits);
        booked.push({ day: on, visits, stay, initial, final });
      }
    } else {
      const expected = reference.firstFit(day, visits, 10_000);
      expect(slots.bookFirstFit(day, slots.plan(stay, initial, final)), `step ${step}: first fit from day ${day} of ${visits.join(' ')}`).toBe(expected);
      if (expected >= 0) {
        reference.book(expected, visits);
        booked.push({ day: expected, visits, stay, initial, final });
      }
    }
    if (uniform(stream) < 0.6) day++;
  }
  for (let d = 0; d < 600; d++) expect(slots.usedOn(d), `visits booked on day ${d}`).toBe(reference.usedOn(d));
}

describe('VisitSlots books as the plain rule does', () => {
  const cases: Record<string, Case> = {
    'a constant caseload, often full': { calendar: [], tail: 12 },
    'a constant caseload with room': { calendar: [], tail: 60 },
    'one slot a day': { calendar: [], tail: 1 },
    'a calendar that rises, falls and ends below some plans': { calendar: [8, 8, 10, 14, 14, 6, 6, 9, 12, 12, 3, 3, 3, 0, 0, 7], tail: 4 },
    'a calendar that closes for good': { calendar: [10, 10, 10, 10, 5, 5], tail: 0 },
  };
  for (const [name, book] of Object.entries(cases)) {
    it(`${name}: 20 random sequences of 400 operations`, { timeout: 60_000 }, () => {
      for (let seed = 1; seed <= 20; seed++) replay(seed, book);
    });
  }

  it('books on one thread share their plans and nothing else: two books interleaved, each as the rule', () => {
    const stream = createStream(7, 16, 0, StreamPurpose.Arrivals);
    const books = [
      { slots: new VisitSlots(), reference: new ReferenceSlots([], 9), calendar: [] as number[], tail: 9 },
      { slots: new VisitSlots(), reference: new ReferenceSlots([6, 6, 2, 8], 14), calendar: [6, 6, 2, 8], tail: 14 },
    ];
    for (const { slots, calendar, tail } of books) slots.reset(Int32Array.from(calendar), tail, 40, 18);
    for (let step = 0; step < 600; step++) {
      const { slots, reference } = books[step % 2];
      const day = Math.floor(step / 8);
      // Some plans past the cache's rates (made afresh each time) and some tails, as patients present at the start have.
      const initial = uniform(stream) < 0.1 ? between(stream, 16, 18) : between(stream, 1, 6);
      const final = between(stream, 1, Math.min(initial, 8));
      const stay = between(stream, 1, 30);
      if (uniform(stream) < 0.1) {
        const days = between(stream, 1, stay);
        slots.book(day, slots.tail(slots.plan(stay, initial, final), days));
        reference.book(day, planOf(stay, initial, final).slice(stay - days));
        continue;
      }
      const visits = planOf(stay, initial, final);
      const expected = reference.firstFit(day, visits, 10_000);
      expect(slots.bookFirstFit(day, slots.plan(stay, initial, final)), `step ${step}`).toBe(expected);
      if (expected >= 0) reference.book(expected, visits);
    }
    for (const { slots, reference } of books) for (let d = 0; d < 400; d++) expect(slots.usedOn(d), `visits booked on day ${d}`).toBe(reference.usedOn(d));
  });

  // [book, share of plans rising, share of operations giving a booking back or checking a day]
  const queues: Record<string, [Case, number, number]> = {
    'falling plans only, first fits only (as the visit model books)': [{ calendar: [], tail: 60 }, 0, 0],
    'a few plans rising': [{ calendar: [], tail: 60 }, 0.03, 0],
    'a calendar that falls, rises and falls, a few plans rising': [{ calendar: [70, 70, 49, 49, 49, 66, 66, 66, 66, 45, 45, 51, 55, 55], tail: 58 }, 0.03, 0],
    'bookings given back and days checked': [{ calendar: [], tail: 60 }, 0.03, 0.04],
  };
  for (const [name, [book, rising, givenBackOrChecked]] of Object.entries(queues)) {
    it(`a long queue, ${name}: 20 random sequences of 600 operations`, { timeout: 60_000 }, () => {
      for (let seed = 1; seed <= 20; seed++) queueReplay(seed, book, rising, givenBackOrChecked);
    });
  }

  it('a book reset again and again (calendars, tails and queues changing) books as a fresh book does', () => {
    // A reset refills only the days written since the last one: a day left behind with the old
    // tail's or calendar's slots, or a booking's, would show here.
    const stream = createStream(11, 16, 0, StreamPurpose.Arrivals);
    const reused = new VisitSlots();
    for (let round = 0; round < 60; round++) {
      const calendar = Array.from({ length: between(stream, 0, 3) === 0 ? between(stream, 1, 30) : 0 }, () => between(stream, 0, 12));
      // The same tail for a few rounds in a row, as the replications of a scenario have.
      const tail = round % 4 === 0 || uniform(stream) < 0.2 ? between(stream, 0, 12) : 6;
      const days = between(stream, 1, 6);
      const fresh = new VisitSlots();
      const reference = new ReferenceSlots(calendar, tail);
      for (const slots of [reused, fresh]) slots.reset(Int32Array.from(calendar), tail, days, 5);
      const referrals = between(stream, 0, 120);
      for (let i = 0; i < referrals; i++) {
        const stay = between(stream, 1, 25);
        const initial = between(stream, 1, 5);
        const final = between(stream, 1, initial);
        const visits = planOf(stay, initial, final);
        const from = Math.floor(i / 4);
        if (uniform(stream) < 0.1) {
          reused.book(from, reused.plan(stay, initial, final));
          fresh.book(from, fresh.plan(stay, initial, final));
          reference.book(from, visits);
          continue;
        }
        const expected = reference.firstFit(from, visits, 10_000);
        expect(reused.bookFirstFit(from, reused.plan(stay, initial, final)), `round ${round}, referral ${i}`).toBe(expected);
        expect(fresh.bookFirstFit(from, fresh.plan(stay, initial, final)), `round ${round}, referral ${i}, fresh`).toBe(expected);
        if (expected >= 0) reference.book(expected, visits);
      }
      for (let d = 0; d < 2_000; d++) expect(reused.usedOn(d), `round ${round}: visits booked on day ${d}`).toBe(reference.usedOn(d));
    }
  });

  it('a round of bookings on their request days books as first fit does when every day keeps the highest rate free, and nothing otherwise', () => {
    // The visit model books a replication this way first (VisitNodeSimulator.bookAllOnTheirDays)
    // and falls back to first fit when the round is given up. The round must succeed exactly
    // when booking every plan on its request day leaves no day with fewer free slots than the
    // highest rate (first fit then starts every plan where asked); then the book must hold what
    // first fit books; when given up, nothing, so first fit can start again on it.
    const stream = createStream(23, 16, 0, StreamPurpose.Arrivals);
    const highestRate = 5;
    const round = new VisitSlots();
    const outcomes = { booked: 0, givenUp: 0 };
    for (let trial = 0; trial < 300; trial++) {
      const calendar = Array.from({ length: uniform(stream) < 0.3 ? between(stream, 1, 40) : 0 }, () => between(stream, 20, 90));
      const tail = between(stream, 30, 90);
      round.reset(Int32Array.from(calendar), tail, 60, highestRate);
      const sequential = new VisitSlots();
      sequential.reset(Int32Array.from(calendar), tail, 60, highestRate);
      const allOnTheirDays = new ReferenceSlots(calendar, tail);
      const requests: Array<{ day: number; visits: number[]; make: (book: VisitSlots) => number }> = [];
      // Patients present at the start (tails of plans, on day 0), then referrals by day.
      for (let i = between(stream, 0, 6); i > 0; i--) {
        // Some past the plan cache (256 days): the tail of a plan not kept.
        const [stay, initial, final] = [between(stream, 2, uniform(stream) < 0.1 ? 300 : 25), between(stream, 1, highestRate), between(stream, 1, 2)];
        const days = between(stream, 1, stay);
        requests.push({ day: 0, visits: planOf(stay, initial, final).slice(stay - days), make: (book) => book.tail(book.plan(stay, initial, final), days) });
      }
      let day = 0;
      for (let i = between(stream, 0, 60); i > 0; i--) {
        day += uniform(stream) < 0.4 ? between(stream, 1, 3) : 0;
        const stay = between(stream, 1, uniform(stream) < 0.05 ? 300 : 25);
        const initial = between(stream, 1, highestRate);
        const final = between(stream, 1, initial);
        requests.push({ day, visits: planOf(stay, initial, final), make: (book) => book.plan(stay, initial, final) });
      }
      for (const { day: on, visits } of requests) allOnTheirDays.book(on, visits);
      // Requests end by day 60 x 3 + 300: every day after has no visits.
      const fitsEveryone = Array.from({ length: 600 }, (_, d) => d).every((d) => (d < calendar.length ? calendar[d] : tail) - allOnTheirDays.usedOn(d) >= highestRate);
      const highestAtTheStart = Math.min(tail, ...calendar) >= highestRate;

      let accepted = round.beginOnRequestDays();
      for (const { day: on, make } of requests) if (accepted) accepted = round.requestOn(on, make(round));
      if (accepted) accepted = round.finishOnRequestDays();
      expect(accepted, `trial ${trial}: the round is booked exactly when everyone fits where asked`).toBe(fitsEveryone && highestAtTheStart);
      outcomes[accepted ? 'booked' : 'givenUp']++;
      if (accepted) {
        for (const { day: on, make } of requests) expect(sequential.bookFirstFit(on, make(sequential)), `trial ${trial}: first fit starts on the day asked`).toBe(on);
      } else {
        // Given up: the book is as reset, and first fit books on it as on a fresh book.
        for (const { day: on, make } of requests) {
          const start = sequential.bookFirstFit(on, make(sequential));
          expect(round.bookFirstFit(on, make(round)), `trial ${trial}: first fit after the round was given up`).toBe(start);
        }
      }
      for (let d = 0; d < 600; d++) expect(round.usedOn(d), `trial ${trial}: visits booked on day ${d}`).toBe(sequential.usedOn(d));
    }
    // Both outcomes, many times each, or the test shows nothing.
    expect(outcomes.booked).toBeGreaterThan(50);
    expect(outcomes.givenUp).toBeGreaterThan(50);
  });

  it('a tail of a plan is its last days', () => {
    const slots = new VisitSlots();
    slots.reset(new Int32Array(0), 100, 30, 5);
    const tail = slots.tail(slots.plan(10, 5, 1), 4);
    expect(Array.from({ length: slots.length(tail) }, (_, k) => slots.visitsOf(tail, k))).toEqual(planOf(10, 5, 1).slice(6));
  });

  it('a plan with rates past the cache (16 visits or more) is booked all the same', () => {
    const slots = new VisitSlots();
    slots.reset(new Int32Array(0), 40, 30, 20);
    const reference = new ReferenceSlots([], 40);
    for (let i = 0; i < 6; i++) {
      const visits = planOf(12, 20, 17);
      expect(slots.bookFirstFit(0, slots.plan(12, 20, 17))).toBe(reference.firstFit(0, visits, 1000));
      reference.book(reference.firstFit(0, visits, 1000), visits);
    }
  });
});
