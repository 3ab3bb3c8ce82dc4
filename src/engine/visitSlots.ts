/**
 * The visit slots of a P1 node over days, and the booking rule both simulators share (the
 * single-node visit model and the network's visit nodes): each plan of visits a day goes on
 * the first day, from its request day on, on which every day of it fits in the slots still
 * free. A day's slots may vary (a calendar of day-by-day slots, then a constant tail).
 */
/**
 * Rounds half to even, as R's round() does. Visit plans hit exact halves often (4 to 1 over
 * five days is 4, 3.25, 2.5, 1.75, 1), and IPACS rounds 2.5 to 2 where Math.round gives 3.
 */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Visits on each day of a stay, falling linearly from the initial to the final rate and
 * rounded half to even; the last day is exactly the final rate.
 */
export function fillVisitPlan(plan: Int32Array, stay: number, initialRate: number, finalRate: number, offset = 0): void {
  plan[offset] = initialRate;
  if (stay === 1) return;
  const step = (finalRate - initialRate) / (stay - 1);
  for (let k = 1; k < stay - 1; k++) plan[offset + k] = roundHalfEven(initialRate + step * k);
  plan[offset + stay - 1] = finalRate;
}

/** Plans are cached for stays under 256 days and rates under 16 visits: nearly every patient. */
const CACHED_STAY_LIMIT = 256;
const CACHED_RATE_LIMIT = 16;
/** Bound on the cache (visits stored), far above what realistic rates and stays fill. */
const MAX_CACHED_VISITS = 1 << 22;
/** A plan's header in `headers`: where its visits start, its days, where its steps start, and how many. */
const HEADER = 4;
/** The plan not cached (and a tail of a plan): always handle 0, overwritten by the next. */
const SCRATCH = 0;

/**
 * The plans of every book on this thread. A plan depends only on its stay and rates, so books
 * share them: a simulator made afresh for each scenario (as `replicationRunner` makes one)
 * made its ~1,200 plans again, ~100 days each on average (0.5-1 MB of visits grown by
 * doubling, much of it on pages touched for the first time), plans the one before had made.
 * Bounded by MAX_CACHED_VISITS, as one book's plans were.
 */
class PlanStore {
  /** Visits a day of every plan, each plan's days together (its header says where). */
  visits = new Int32Array(4096);
  headers = new Int32Array(HEADER * 64);
  /**
   * Each plan as the days its visits change on: pairs (day of the plan, change), the last the
   * fall to 0 the day after it ends. A plan from 3 to 1 visits over 20 days has four, so adding
   * it to a difference array of days costs four writes, not twenty.
   */
  steps = new Int32Array(4096);
  private visitsEnd = 0;
  private stepsEnd = 0;
  private plans = 1;
  /** Handle of the plan for (initial rate, final rate, stay); 0 if not cached. */
  private readonly planIndex = new Int32Array(CACHED_RATE_LIMIT * CACHED_RATE_LIMIT * CACHED_STAY_LIMIT);

  plan(stay: number, initialRate: number, finalRate: number): number {
    const cacheable = stay < CACHED_STAY_LIMIT && initialRate < CACHED_RATE_LIMIT && finalRate < CACHED_RATE_LIMIT;
    const key = cacheable ? (initialRate * CACHED_RATE_LIMIT + finalRate) * CACHED_STAY_LIMIT + stay : -1;
    if (cacheable && this.planIndex[key] > 0) return this.planIndex[key];
    const kept = cacheable && this.visitsEnd + stay <= MAX_CACHED_VISITS;
    const handle = kept ? this.plans : SCRATCH;
    this.ensureVisits(this.visitsEnd + stay);
    fillVisitPlan(this.visits, stay, initialRate, finalRate, this.visitsEnd);
    this.describe(handle, this.visitsEnd, stay, kept);
    if (kept) {
      this.planIndex[key] = handle;
      this.plans++;
      this.visitsEnd += stay;
    }
    return handle;
  }

  tail(plan: number, days: number): number {
    this.describe(SCRATCH, this.headers[HEADER * plan] + this.headers[HEADER * plan + 1] - days, days, false);
    return SCRATCH;
  }

  /**
   * Writes the header of the plan whose visits are at `[offset, offset + length)`, and the steps
   * of a kept plan. Scratch plans (tails, mostly, which only the one-by-one booking uses) get
   * theirs when asked (stepsOf).
   */
  private describe(handle: number, offset: number, length: number, kept: boolean): void {
    if (this.headers.length < HEADER * (handle + 1)) {
      const grown = new Int32Array(this.headers.length * 2);
      grown.set(this.headers);
      this.headers = grown;
    }
    this.headers[HEADER * handle] = offset;
    this.headers[HEADER * handle + 1] = length;
    this.headers[HEADER * handle + 3] = -1;
    if (kept) this.describeSteps(handle, true);
  }

  /** Where the plan's steps start in `steps`, worked out now for a scratch plan. */
  stepsOf(plan: number): number {
    if (this.headers[HEADER * plan + 3] < 0) this.describeSteps(plan, false);
    return this.headers[HEADER * plan + 2];
  }

  private describeSteps(handle: number, kept: boolean): void {
    const offset = this.headers[HEADER * handle];
    const length = this.headers[HEADER * handle + 1];
    const room = this.stepsEnd + 2 * (length + 1);
    if (this.steps.length < room) {
      const grown = new Int32Array(Math.max(room, this.steps.length * 2));
      grown.set(this.steps.subarray(0, this.stepsEnd));
      this.steps = grown;
    }
    const { visits, steps } = this;
    let count = 0;
    let previous = 0;
    for (let k = 0; k < length; k++) {
      const v = visits[offset + k];
      if (v === previous) continue;
      steps[this.stepsEnd + 2 * count] = k;
      steps[this.stepsEnd + 2 * count + 1] = v - previous;
      count++;
      previous = v;
    }
    steps[this.stepsEnd + 2 * count] = length;
    steps[this.stepsEnd + 2 * count + 1] = -previous;
    count++;
    this.headers[HEADER * handle + 2] = this.stepsEnd;
    this.headers[HEADER * handle + 3] = count;
    if (kept) this.stepsEnd += 2 * count;
  }

  private ensureVisits(length: number): void {
    if (this.visits.length >= length) return;
    const grown = new Int32Array(Math.max(length, this.visits.length * 2));
    grown.set(this.visits.subarray(0, this.visitsEnd));
    this.visits = grown;
  }
}

const threadPlans = new PlanStore();

export class VisitSlots {
  /** The plans, shared by every book on this thread (PlanStore). */
  private readonly store = threadPlans;

  /** Visit slots still free on each day; past the array, days have the tail's slots. */
  private free = new Int32Array(0);
  /** One past the last day booked. */
  private bookedUntil = 0;
  /**
   * No day has fewer free slots than this, while it is at least the highest rate (a lower bound
   * once bookings are given back). Once below, it is only known to be below: it is read only
   * against the highest rate, so the searches that then run do not keep it lowered.
   */
  private leastFree = 0;
  /** The most visits any plan has on a day: with at least this many free every day, every plan fits anywhere. */
  private highestRate = 0;
  /** `openFrom[v]`: no day before it has `v` free slots (free slots only fall, unless a booking is given back). */
  private openFrom = new Int32Array(8);
  private calendar: Int32Array = new Int32Array(0);
  private tailSlots = 0;
  /**
   * Every day of `free` from `max(writtenUntil, bookedUntil)` on holds `filledTail` slots: bookings
   * (and bookings given back) write only days before `bookedUntil`, the calendar before `writtenUntil`.
   */
  private filledTail = Number.NaN;
  private writtenUntil = 0;
  /**
   * Plans booked on their request days (beginOnRequestDays): the change in visits a day at each
   * day, so a plan costs a write where its visits change rather than one a day. Zero outside a
   * round of requests.
   */
  private requested = new Int32Array(0);
  /** One past the last day any request of the round reaches. */
  private requestedUntil = 0;
  /** Days before this are settled: their free slots written and checked. */
  private settledUntil = 0;
  /** The running sum of `requested` over the settled days: the round's visits on day `settledUntil`, less that day's own changes. */
  private visitsCarried = 0;
  private leastSettled = 0;

  /**
   * Empties the book. Day `d` has `calendar[d]` slots, and `tailSlots` past the calendar.
   * `days`: the days bookings usually reach, room for which is made at once; `highestRate`:
   * the most visits any plan has on a day.
   */
  reset(calendar: Int32Array, tailSlots: number, days: number, highestRate: number): void {
    this.calendar = calendar;
    this.tailSlots = tailSlots;
    // Room for bookings well past the horizon from the start: growing the array later, in
    // compiled code that has never seen it grow, recompiled the booking search (and what it is
    // inlined in) in a later scenario. Under a long queue the IPACS sample's bookings reach 19
    // times its 181 days; a room of 4 times grew three times a run. The room costs little now
    // that a reset refills only the days written since the last.
    const room = Math.max(days * 32, calendar.length * 4, 64);
    if (this.free.length < room) {
      this.free = new Int32Array(room);
      this.filledTail = Number.NaN;
    }
    this.free.set(calendar);
    // Past the days the last calendar and bookings wrote, every day still has the last tail's slots.
    const written = Math.max(this.writtenUntil, this.bookedUntil);
    this.free.fill(tailSlots, calendar.length, tailSlots === this.filledTail ? Math.max(calendar.length, written) : this.free.length);
    this.filledTail = tailSlots;
    this.writtenUntil = calendar.length;
    this.bookedUntil = 0;
    let least = tailSlots;
    for (let i = 0; i < calendar.length; i++) if (calendar[i] < least) least = calendar[i];
    this.leastFree = least;
    this.highestRate = highestRate;
    if (this.openFrom.length <= highestRate) this.openFrom = new Int32Array(highestRate + 1);
    this.openFrom.fill(0);
  }

  /**
   * The plan of visits a day falling from `initialRate` to `finalRate` over `stay` days, as a
   * handle for this book's other methods. A plan depends only on these three, and a few
   * hundred combinations cover nearly every patient, so plans are made once and kept.
   */
  plan(stay: number, initialRate: number, finalRate: number): number {
    return this.store.plan(stay, initialRate, finalRate);
  }

  /**
   * The plan's last `days` days, as a plan of its own. It, and a plan not cached, is valid
   * until the next plan or tail asked of any book on this thread: callers use each at once.
   */
  tail(plan: number, days: number): number {
    return this.store.tail(plan, days);
  }

  /** Visits on day `d` of the plan. */
  visitsOf(plan: number, d: number): number {
    return this.store.visits[this.store.headers[HEADER * plan] + d];
  }

  /** Days of the plan. */
  length(plan: number): number {
    return this.store.headers[HEADER * plan + 1];
  }

  /** Visits booked on `day` (more than its slots where bookings were forced). */
  usedOn(day: number): number {
    return day < this.free.length ? this.slotsOn(day) - this.free[day] : 0;
  }

  slotsOn(day: number): number {
    return day < this.calendar.length ? this.calendar[day] : this.tailSlots;
  }

  /** Whether every day of the plan fits in the slots still free from `day` on. */
  fitsOn(day: number, plan: number): boolean {
    if (this.leastFree >= this.highestRate) return true;
    const { headers, visits } = this.store;
    const offset = headers[HEADER * plan];
    const length = headers[HEADER * plan + 1];
    this.ensureDays(day + length);
    for (let k = 0; k < length; k++) if (this.free[day + k] < visits[offset + k]) return false;
    return true;
  }

  /**
   * The first day in `[from, until)` with at least `visits` slots free, or `until` when none
   * has. No plan needing that many on its first day can start on a day before it, then or after
   * any later booking: free slots only fall while nothing is given back.
   */
  firstDayWithFree(from: number, until: number, visits: number): number {
    const free = this.free;
    let day = from;
    while (day < until && (day < free.length ? free[day] : this.tailSlots) < visits) day++;
    return day;
  }

  /**
   * Books the plan at its first fit from `from` on and returns that day; -1 (nothing booked)
   * when it never fits. Past every booking and the calendar, all days have the tail's slots,
   * so the plan fits there or nowhere.
   */
  bookFirstFit(from: number, plan: number): number {
    // While no day has fewer free slots than the most visits any plan has on a day, every
    // plan fits on its request day: no search (most of the work of an unrestricted caseload).
    if (this.leastFree >= this.highestRate) {
      this.book(from, plan);
      return from;
    }
    const { headers, visits } = this.store;
    const offset = headers[HEADER * plan];
    const length = headers[HEADER * plan + 1];
    const first = visits[offset];
    if (first >= this.openFrom.length) this.growOpenFrom(first + 1);
    // No plan can start on a day with fewer free slots than its first day needs: under a long
    // queue that is most of the days ahead. Free slots only ever fall, so for each number of
    // visits the first day that still has them only moves forward, and is kept.
    let open = this.openFrom[first];
    this.ensureDays(open + 1);
    while (this.free[open] < first) {
      if (open >= this.quietFrom()) return -1;
      open++;
      this.ensureDays(open + 1);
    }
    this.openFrom[first] = open;
    const start = this.searchFrom(Math.max(from, open), offset, length);
    if (start >= 0 && start + length > this.bookedUntil) this.bookedUntil = start + length;
    return start;
  }

  /**
   * Books the plan in `visits[offset, offset + length)` on the first day from `start` on where
   * it fits, and returns it (-1: never). A clash on day start + k of a plan that never rises
   * rules out every start up to start + k too: shifted later, that day would meet an earlier,
   * no smaller, day of the plan. So the search jumps past it.
   */
  private searchFrom(start: number, offset: number, length: number): number {
    const visits = this.store.visits;
    const first = visits[offset];
    const nonIncreasing = first >= visits[offset + length - 1];
    for (;;) {
      const quiet = this.quietFrom();
      if (start >= quiet && !this.fitsTail(offset, length)) return -1;
      // Most candidate days cannot take even the plan's first day under a long queue: pass
      // them in a tight loop. From the quiet day on every day is the same, so the pass stops
      // there (passing on to the array's end and growing it, as it once did, doubled the array
      // at each plan the tail cannot take).
      const free = this.free;
      while (start < quiet && free[start] < first) start++;
      if (start + length > free.length) {
        this.ensureDays(start + length);
        continue;
      }
      // Book while checking, and give the visits back on a clash: nearly every start that
      // passes the first day fits, and one pass over the plan is cheaper than two.
      let clash = -1;
      // leastFree is not lowered here: a search runs only once it is below the highest rate,
      // and it is read only against that rate, so a lower value would change no answer.
      for (let k = 0; k < length; k++) {
        const left = free[start + k] - visits[offset + k];
        if (left < 0) {
          clash = k;
          break;
        }
        free[start + k] = left;
      }
      if (clash < 0) return start;
      for (let k = 0; k < clash; k++) free[start + k] += visits[offset + k];
      start += nonIncreasing ? clash + 1 : 1;
    }
  }

  /**
   * Starts a round of bookings each on its request day, in the order of those days, on a book
   * just reset: the bookings bookFirstFit makes while no day has fewer free slots than the
   * highest rate (it then books each plan where asked). Checking that as the round passes each
   * day instead of before each booking, and adding each plan only where its visits change,
   * made the IPACS sample's P1 scenarios with room for everyone about 27 % faster as a whole.
   * False when some day already has too few free slots.
   */
  beginOnRequestDays(): boolean {
    this.requestedUntil = 0;
    this.settledUntil = 0;
    this.visitsCarried = 0;
    this.leastSettled = this.leastFree;
    return this.bookedUntil === 0 && this.leastFree >= this.highestRate;
  }

  /**
   * Adds the plan from `day` (no earlier than the last request's day) to the round. False, and
   * the round given up with nothing booked, as soon as a day is left with fewer free slots
   * than the highest rate: then the bookings are not all made where asked.
   */
  requestOn(day: number, plan: number): boolean {
    const store = this.store;
    const firstStep = store.stepsOf(plan);
    const { headers, steps } = store;
    const length = headers[HEADER * plan + 1];
    const stepsEnd = firstStep + 2 * headers[HEADER * plan + 3];
    // Days before `day` take no more requests: settle them.
    if (day > this.settledUntil && !this.settleUntil(day)) return false;
    if (day + length >= this.requested.length) this.growRequested(day + length + 1);
    const requested = this.requested;
    for (let j = firstStep; j < stepsEnd; j += 2) requested[day + steps[j]] += steps[j + 1];
    if (day + length > this.requestedUntil) this.requestedUntil = day + length;
    // Visits on `day` only grow with later requests: fail as soon as it is too full.
    if (this.slotsOn(day) - (this.visitsCarried + requested[day]) < this.highestRate) {
      this.abandonRequests();
      return false;
    }
    return true;
  }

  /** Ends the round: true when every plan is booked on its request day; false, nothing booked, otherwise. */
  finishOnRequestDays(): boolean {
    if (!this.settleUntil(this.requestedUntil)) return false;
    this.requested[this.requestedUntil] = 0;
    this.leastFree = this.leastSettled;
    this.bookedUntil = this.requestedUntil;
    return true;
  }

  /** Writes the free slots of the days up to `until`; on the first left with too few, gives up the round. */
  private settleUntil(until: number): boolean {
    this.ensureDays(until);
    const free = this.free;
    const requested = this.requested;
    const highestRate = this.highestRate;
    let carried = this.visitsCarried;
    let least = this.leastSettled;
    for (let d = this.settledUntil; d < until; d++) {
      carried += requested[d];
      requested[d] = 0;
      const left = free[d] - carried;
      if (left < highestRate) {
        this.settledUntil = d;
        this.abandonRequests();
        return false;
      }
      free[d] = left;
      if (left < least) least = left;
    }
    this.settledUntil = until;
    this.visitsCarried = carried;
    this.leastSettled = least;
    return true;
  }

  /** Restores the free slots of the days settled and clears the requests. */
  private abandonRequests(): void {
    for (let d = 0; d < this.settledUntil; d++) this.free[d] = this.slotsOn(d);
    this.requested.fill(0, 0, Math.min(this.requested.length, this.requestedUntil + 1));
    this.settledUntil = 0;
    this.requestedUntil = 0;
  }

  private growRequested(length: number): void {
    const grown = new Int32Array(Math.max(length, this.free.length, this.requested.length * 2));
    grown.set(this.requested);
    this.requested = grown;
  }

  /** Books the plan on `day` whatever the free slots (patients present at the start keep their visits). */
  book(day: number, plan: number): void {
    const { headers, visits } = this.store;
    const offset = headers[HEADER * plan];
    const length = headers[HEADER * plan + 1];
    this.ensureDays(day + length);
    const free = this.free;
    let least = this.leastFree;
    for (let k = 0; k < length; k++) {
      const left = free[day + k] - visits[offset + k];
      free[day + k] = left;
      if (left < least) least = left;
    }
    this.leastFree = least;
    if (day + length > this.bookedUntil) this.bookedUntil = day + length;
  }

  /**
   * Gives back a booking not taken up. Days before the search's start marks may have free
   * slots again, so the marks move back.
   */
  unbook(day: number, plan: number): void {
    const length = this.length(plan);
    for (let k = 0; k < length; k++) this.free[day + k] += this.visitsOf(plan, k);
    for (let v = 0; v < this.openFrom.length; v++) if (this.openFrom[v] > day) this.openFrom[v] = day;
  }

  private quietFrom(): number {
    return Math.max(this.bookedUntil, this.calendar.length);
  }

  private fitsTail(offset: number, length: number): boolean {
    const visits = this.store.visits;
    for (let k = 0; k < length; k++) if (visits[offset + k] > this.tailSlots) return false;
    return true;
  }

  private ensureDays(length: number): void {
    if (length <= this.free.length) return;
    const grown = new Int32Array(Math.max(length, this.free.length * 2));
    grown.set(this.free);
    grown.fill(this.tailSlots, this.free.length);
    this.free = grown;
  }

  private growOpenFrom(length: number): void {
    const grown = new Int32Array(length);
    grown.set(this.openFrom);
    this.openFrom = grown;
  }
}
