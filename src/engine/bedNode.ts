/**
 * A bed-based node (P2, P3): `c` beds, a FIFO queue of patients waiting in acute beds,
 * continuous time within days.
 *
 * No event list is needed. Under first-come first-served each patient, taken in referral
 * order, starts at the later of their referral and the earliest time a bed frees, and that
 * bed then frees at start + stay (the Kiefer-Wolfowitz recursion). A min-heap of the `c`
 * bed-free times gives each patient in O(log c), and the patient's two intervals (waiting,
 * in service) are integrated into the day averages by difference arrays.
 */
import { ArrivalTimes, ArrivalTimesCache, dayIndexOf } from './arrivals.js';
import { DailyRecord, DayIntegrator, Metric } from './dailyRecord.js';
import { sampleLos, sampleResidualLos, StayDraws, type InitialResidual, type LosDistribution } from './lengthOfStay.js';
import { createStream, StreamPurpose } from './random.js';

export interface BedScenario {
  /** Mean referrals a day. */
  rates: Float64Array;
  /** arrivalProfileKey of the rates, to keep referral times for scenarios sharing them; undefined: draw afresh. */
  arrivalProfile: string | undefined;
  /** stayProfileKey of the LOS, to keep referrals' stays for scenarios sharing them; undefined: draw afresh. */
  stayProfile: string | undefined;
  /** Beds; fractions are rounded down. */
  capacity: number;
  los: LosDistribution;
  initialOccupied: number;
  initialWaiting: number;
  /** A day per occupied bed. */
  communityCost: number;
  /** A day per patient waiting in an acute bed. */
  acuteDelayCost: number;
  loseOverflow: boolean;
  initialResidual: InitialResidual;
}

/** Replications of bed-based scenarios over one horizon; its buffers are reused between them. */
export class BedNodeSimulator {
  readonly record: DailyRecord;
  private readonly arrivals = new ArrivalTimes();
  private readonly occupancy: DayIntegrator;
  private readonly queue: DayIntegrator;
  private readonly waitSum: Float64Array;
  private readonly community: Float64Array;
  // Grown when a scenario needs more, so V8 must not take them for constants: declared
  // first and then set, they are variable fields from the first simulator on. Storing a new
  // array in a field V8 had taken for a constant threw away the optimised `simulate`.
  private bedFreeAt: Float64Array;
  private initialStays: Float64Array;
  private waitingStays: Float64Array;

  constructor(
    readonly days: number,
    private readonly arrivalCache = new ArrivalTimesCache(),
    private readonly stayDraws = new StayDraws(),
  ) {
    this.record = new DailyRecord(days);
    this.occupancy = new DayIntegrator(days);
    this.queue = new DayIntegrator(days);
    this.waitSum = new Float64Array(days);
    this.community = new Float64Array(days);
    // Through atLeast, which simulate grows them with, so its growing branch has run once
    // (V8 compiles a branch that has never run as a deoptimisation).
    this.bedFreeAt = atLeast(NO_TIMES, 32);
    this.initialStays = atLeast(NO_TIMES, 32);
    this.waitingStays = atLeast(NO_TIMES, 32);
  }

  /** Simulates replication `replication` of `scenario` into `record` (by default `this.record`). */
  simulate(scenario: BedScenario, seed: number, nodeKey: number, replication: number, record: DailyRecord = this.record): DailyRecord {
    const days = this.days;
    record.reset();
    this.occupancy.reset();
    this.queue.reset();
    this.waitSum.fill(0);

    const initialStream = createStream(seed, nodeKey, replication, StreamPurpose.InitialState);
    const times = this.arrivalCache.times(scenario.arrivalProfile, scenario.rates, () => createStream(seed, nodeKey, replication, StreamPurpose.Arrivals), replication, this.arrivals);
    // The k-th referral's stay is the k-th draw of the LOS stream, whatever else happens to it.
    const stays = this.stayDraws.stays(scenario.stayProfile, scenario.los, () => createStream(seed, nodeKey, replication, StreamPurpose.LengthOfStay), replication, times.length);

    const occupied = Math.max(0, Math.floor(scenario.initialOccupied));
    const initiallyWaiting = Math.max(0, Math.floor(scenario.initialWaiting));
    const arrivalCount = times.length;
    // More beds than patients who could ever be present behave exactly like that many.
    const beds = Math.min(Math.max(0, Math.floor(scenario.capacity)), occupied + initiallyWaiting + arrivalCount);

    const arrivalsRow = record.row(Metric.arrivals);
    const admissionsRow = record.row(Metric.admissions);
    const departuresRow = record.row(Metric.departures);
    const lostRow = record.row(Metric.lost);
    const occupancy = this.occupancy;
    const queue = this.queue;
    const waitSum = this.waitSum;

    // Patients in service at time 0 hold beds until their residual stays end; when there
    // are more of them than beds, the beds that matter are the `beds` freeing last.
    this.initialStays = atLeast(this.initialStays, occupied);
    const initialStays = this.initialStays.subarray(0, occupied);
    for (let i = 0; i < occupied; i++) {
      const stay = sampleResidualLos(scenario.los, initialStream, scenario.initialResidual);
      initialStays[i] = stay;
      occupancy.interval(0, stay);
      if (stay < days) departuresRow[dayIndexOf(stay)]++;
    }
    this.bedFreeAt = atLeast(this.bedFreeAt, beds);
    const heap = this.bedFreeAt;
    // Sorted (to keep the last to free) only when they outnumber the beds, yet the sort is
    // called every time, on no stays otherwise: the first scenarios of a run seldom overfill
    // their beds, and a call V8 compiled `simulate` without ever having seen it run threw
    // the compiled code away when a later scenario made it (`--trace-deopt`, the IPACS sample).
    (occupied > beds ? initialStays : NO_TIMES).sort();
    const heldBeds = Math.min(occupied, beds);
    heap.set(initialStays.subarray(occupied - heldBeds));
    heap.fill(0, heldBeds, beds);
    heapify(heap, beds);
    // No bed ever frees. Read from the heap like any bed-free time: a choice between heap[0]
    // and the constant Infinity made V8 keep the loop's times as boxed numbers, a heap
    // allocation per patient (--expose-gc, used_heap_size: 52 kB a replication of a national
    // P2 node, 28 kB without it). With no beds nobody is admitted, so nothing replaces it.
    if (beds === 0) heap[0] = Infinity;

    const loseOverflow = scenario.loseOverflow;
    // A bed for every patient who could ever be present: nobody waits, and the heap (ten
    // levels deep for a typical "unrestricted" 2000) can be skipped altogether.
    const unconstrained = beds >= occupied + initiallyWaiting + arrivalCount;
    let delayedAdmissions = 0;
    let waitingAtEnd = 0;
    const total = initiallyWaiting + arrivalCount;
    // The initial queue's stays come from the initial-state stream, drawn here in the order
    // the loop below took them; drawn inside it, a stay was either a draw or an element,
    // and V8 boxed every patient's stay (12 kB a replication against 28 kB).
    this.waitingStays = atLeast(this.waitingStays, initiallyWaiting);
    const waitingStays = this.waitingStays;
    for (let i = 0; i < initiallyWaiting; i++) waitingStays[i] = sampleLos(scenario.los, initialStream);
    for (let k = 0; k < total; k++) {
      // The initial queue is at the head of the line, referred at time 0.
      const isInitial = k < initiallyWaiting;
      const arrival = isInitial ? 0 : times[k - initiallyWaiting];
      const stay = isInitial ? waitingStays[k] : stays[k - initiallyWaiting];
      if (!isInitial) arrivalsRow[dayIndexOf(arrival)]++;
      let start = arrival;
      let waited = false;
      if (!unconstrained) {
        const freeAt = heap[0];
        if (freeAt > arrival) start = freeAt;
        if (loseOverflow && start > arrival) {
          lostRow[dayIndexOf(arrival)]++;
          continue;
        }
        waited = start > arrival;
        if (waited) queue.step(arrival, 1);
        if (start >= days) {
          waitingAtEnd++;
          continue;
        }
        replaceTop(heap, beds, start + stay);
      }
      // A patient who waited leaves the queue for a bed at the same moment. One call for the
      // unconstrained and the constrained patients: a call of its own for the unconstrained,
      // first reached by a later scenario, threw the compiled `simulate` away.
      if (waited) queue.handOver(occupancy, start);
      else occupancy.step(start, 1);
      const end = start + stay;
      occupancy.step(end, -1);
      const admissionDay = dayIndexOf(start);
      admissionsRow[admissionDay]++;
      waitSum[admissionDay] += start - arrival;
      if (start > arrival || isInitial) delayedAdmissions++;
      if (end < days) departuresRow[dayIndexOf(end)]++;
    }

    const occ = record.row(Metric.occ);
    occupancy.integrate(occ);
    queue.integrate(record.row(Metric.niq));
    const community = this.community;
    for (let d = 0; d < days; d++) community[d] = occ[d] * scenario.communityCost;
    record.finish(waitSum, delayedAdmissions, waitingAtEnd, scenario.acuteDelayCost, community);
    return record;
  }
}

const NO_TIMES = new Float64Array(0);

/** `times` when it holds `length` values, else a new array of twice that. */
function atLeast(times: Float64Array, length: number): Float64Array {
  return times.length >= length ? times : new Float64Array(length * 2);
}

function heapify(heap: Float64Array, size: number): void {
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(heap, size, i, heap[i]);
}

/** Replaces the smallest bed-free time with `value` and restores the heap. */
function replaceTop(heap: Float64Array, size: number, value: number): void {
  siftDown(heap, size, 0, value);
}

function siftDown(heap: Float64Array, size: number, index: number, value: number): void {
  const half = size >> 1;
  while (index < half) {
    let child = 2 * index + 1;
    let childValue = heap[child];
    const right = child + 1;
    if (right < size && heap[right] < childValue) {
      child = right;
      childValue = heap[right];
    }
    if (childValue >= value) break;
    heap[index] = childValue;
    index = child;
  }
  heap[index] = value;
}
