/**
 * The model a run simulates: nodes (one pathway in one locality) and their scenarios.
 *
 * Plain JSON-serialisable data, so the same object can be posted to a worker thread,
 * a Web Worker, stored, or encoded in a link. Adapters (workbook, web forms) build it;
 * the engine only reads it.
 */

/** The three Discharge to Assess pathways of IPACS; a node's `pathway` label may also be anything else (Acute, LTC). */
export type Pathway = 'P1' | 'P2' | 'P3';

/**
 * How a node is simulated, separate from its pathway label (what users see):
 * - `visit`: daily visit slots with per-patient visit plans (P1, domiciliary care);
 * - `bed`: c beds in continuous time (P2, P3, care homes);
 * - `acute`: a bed node whose blocked patients are the delayed discharges, priced at `acuteDelay`;
 * - `delay`: unlimited places and no queue (time at home before a readmission);
 * - `exit`: a sink (home, death, long-term care as a sink).
 * Absent, it follows the pathway label: `visit` for P1, `bed` otherwise.
 */
export type NodeKind = 'bed' | 'visit' | 'acute' | 'delay' | 'exit';
export const NODE_KINDS: readonly NodeKind[] = ['bed', 'visit', 'acute', 'delay', 'exit'];

/** Places in a buffer: a whole number, or `unlimited` (JSON has no Infinity). */
export type Places = number | 'unlimited';

/**
 * Distribution family of a length of stay: lognormal (IPACS's default), normal (truncated
 * at zero), exponential (mean only; what queueing formulas such as Erlang C assume), or
 * PathSimR's gamma, Weibull and uniform, each fitted from the mean and the sd.
 */
export type LosFamily = 'lnorm' | 'norm' | 'exp' | 'gamma' | 'weibull' | 'unif';

/**
 * One period of a capacity calendar over dates: `from` and `to` are ISO dates, both inclusive.
 * Days of the horizon outside every period keep the scenario's `capacity`.
 */
export interface DatedCapacityPeriod {
  from: string;
  to: string;
  capacity: number;
}

/** One period of a daily or weekly cycle: `start` and `end` in days from the cycle's start (8 am is 8/24). */
export interface CycleCapacityPeriod {
  start: number;
  end: number;
  capacity: number;
}

/**
 * Capacity as a function of time. Dated periods (winter beds from 1 December), or a cycle of a
 * day or a week whose periods cover it in order (a clinic closed overnight); day 1 of the
 * horizon starts the cycle.
 */
export type CapacityCalendar = { periods: DatedCapacityPeriod[] } | { cycleDays: 1 | 7; periods: CycleCapacityPeriod[] };

/** The shape of arrivals within the day or the week; each day keeps its mean `daily[d]`. */
export interface ArrivalProfile {
  cycleDays: 1 | 7;
  periods: { start: number; end: number; weight: number }[];
}

/** A distribution of time in days: a length of stay's families and parameters. */
export interface DurationSpec {
  family: LosFamily;
  mean: number;
  median?: number;
  sd?: number;
}

export interface ArrivalScenario {
  /** Scenario name as planners type it, e.g. `BArr`, `S1Arr`. */
  name: string;
  /** What the scenario stands for, in a planner's words ("winter surge"); shown beside the name. */
  description?: string;
  /** Mean referrals on each day of the horizon; `daily[d - 1]` is day `d`. */
  daily: number[];
  /** How arrivals fall within each day or week (default: evenly over the day). */
  profile?: ArrivalProfile;
}

export interface CapacityScenario {
  /** e.g. `BCap`, `S1Cap`. */
  name: string;
  /** e.g. "today's capacity". */
  description?: string;
  /** Beds (P2/P3) or caseload (P1). Non-finite or very large values mean unrestricted. */
  capacity: number;
  /** Capacity that changes over time; days it does not cover keep `capacity`. */
  calendar?: CapacityCalendar;
}

export interface LosScenario {
  /** e.g. `Blos`, `S1los`. */
  name: string;
  /** e.g. "shorter stays after the therapy review". */
  description?: string;
  family: LosFamily;
  /** Mean length of stay in days. */
  mean: number;
  /** Median in days; with `mean` it fixes a lognormal. */
  median?: number;
  /** Standard deviation in days; used when `median` is absent, and by the normal family. */
  sd?: number;
  /** P1 only: mean visits a day at the start of a stay (default 4). */
  initialVisitRate?: number;
  /** P1 only: mean visits a day at the end of a stay (default 1). */
  finalVisitRate?: number;
}

export interface InitialState {
  /** Patients already in service at time 0. */
  occupied: number;
  /** Patients already waiting in acute beds at time 0 (`dtoc`, `nctr`). */
  waiting: number;
  /**
   * Networks only: patients whose stay here has ended by time 0, holding their bed while they
   * wait for the next node (drawn by their route).
   */
  blocked?: number;
}

/**
 * How community capacity is priced. `occupied` (IPACS's convention, and the default because
 * the workbook's `community_cost` is defined per occupied bed-day or visit): empty capacity
 * is free. `commissioned`: every commissioned bed or caseload place costs its day rate,
 * used or not, which is what a commissioner pays and what a capacity decision changes.
 */
export type CostBasis = 'occupied' | 'commissioned';
export const COST_BASES: readonly CostBasis[] = ['occupied', 'commissioned'];
export const DEFAULT_COST_BASIS: CostBasis = 'occupied';

export interface NodeCosts {
  /** P2/P3: a day per occupied bed; P1: per visit slot used. */
  community: number;
  /** A day per patient delayed in an acute bed. */
  acuteDelay: number;
}

export interface NodeSpec {
  /** e.g. `P2_NS`; `P{1,2,3}_{locality}` for IPACS's nodes, any name for others (`Acute_NS`, `LTC_NS`). */
  id: string;
  /** The label users see: P1, P2 or P3 for IPACS's nodes, or any other (Acute, LTC). */
  pathway: string;
  /** How the node is simulated; absent means `visit` for P1 and `bed` otherwise (see `kindOf`). */
  kind?: NodeKind;
  locality: string;
  /** What the node is, in a planner's words. */
  description?: string;
  /** Network nodes may have none (a node fed only by other nodes, an exit). */
  arrivals: ArrivalScenario[];
  capacity: CapacityScenario[];
  los: LosScenario[];
  initial: InitialState;
  costs: NodeCosts;
  /** When true a patient who finds the node full is lost rather than queued. */
  loseOverflow?: boolean;
  /** Places for arrivals from outside the network; default unlimited (`loseOverflow` means 0). */
  queueExternal?: Places;
  /** Places for patients who finished upstream, shared by every upstream node; default 0 (they wait blocked upstream). */
  queueInternal?: Places;
}

/** The routing scenario of an edge without one. */
export const BASELINE_ROUTING = 'BRoute';

/**
 * A link between two nodes in one routing scenario. `route`: a patient leaving `from` goes to
 * `to` with `probability` (a node's route edges in a scenario sum to 1; a node without any
 * sends its patients to an implicit exit). `overflow`: patients sent to `from` by a routing
 * draw go to `to` instead when `condition` (`full` or `wait>=N`) holds.
 */
export interface EdgeSpec {
  from: string;
  to: string;
  /** Routing scenario name; absent means `BRoute`. */
  scenario?: string;
  /** Not read for overflow edges. */
  probability: number;
  type?: 'route' | 'overflow';
  condition?: string;
  /** Transfer delay: the patient holds their bed here, and a bed at `to` is reserved, this long before moving. */
  delay?: DurationSpec;
}

export interface ModelSpec {
  /**
   * The version of modelSchema.ts the model follows. Models written from version 1 on carry
   * it; one without it (older model.json files and links) is read as version 1.
   */
  schemaVersion?: 1 | 2;
  /** Short name used in output file names (IPACS: the workbook's base name). */
  name: string;
  /** ISO dates `YYYY-MM-DD` of the horizon; `dates[d - 1]` is day `d`. */
  dates: string[];
  nodes: NodeSpec[];
  /** How every cost of this model is priced, in results, plans and reports alike; absent means `occupied`. */
  costBasis?: CostBasis;
  /** Links between nodes; nodes no edge touches are simulated alone, exactly as IPACS does. */
  edges?: EdgeSpec[];
  /** Days simulated from empty before day 1 for nodes in a network (default 0). */
  warmupDays?: number;
  /** When a deadlock forms, admit its longest-blocked patient above capacity (default false: record it only). */
  resolveDeadlocks?: boolean;
  /**
   * The row keys of the workbook's sheets in sheet order, when the model came from an IPACS
   * workbook. The R model's output column order depends on them (through the internals of
   * R's merge), so the IPACS-layout writer needs them to put columns where spreadsheets
   * built on R's files expect them. Absent for models built otherwise.
   */
  ipacsSheetRows?: IpacsSheetRows;
}

/** `[node, scenario]` (or `[node, measure]`) of each data row, in sheet order. */
export interface IpacsSheetRows {
  arrivals: [string, string][];
  capacity: [string, string][];
  los: [string, string][];
  initial: [string, string][];
}

/** Defaults the IPACS workbook documents for P1 visit rates. */
export const DEFAULT_INITIAL_VISIT_RATE = 4;
export const DEFAULT_FINAL_VISIT_RATE = 1;
/** Standard deviation of the per-patient visit-rate draws. */
export const VISIT_RATE_SD = 0.5;
/** Capacities at or above this are treated as unrestricted (IPACS users type 2000). */
export const UNRESTRICTED_CAPACITY = 1e6;

export function isUnrestricted(capacity: number): boolean {
  return !Number.isFinite(capacity) || capacity >= UNRESTRICTED_CAPACITY;
}

/** How a node is simulated (see NodeKind). */
export function kindOf(node: Pick<NodeSpec, 'kind' | 'pathway'>): NodeKind {
  return node.kind ?? (node.pathway === 'P1' ? 'visit' : 'bed');
}

/** A buffer's places as a number (`unlimited` is Infinity). */
export function placesOf(places: Places | undefined, absent: number): number {
  if (places === undefined) return absent;
  return places === 'unlimited' ? Infinity : places;
}

export function pathwayOf(nodeId: string): Pathway | undefined {
  const match = /^(P[123])_(.+)$/.exec(nodeId);
  return match ? (match[1] as Pathway) : undefined;
}

export function localityOf(nodeId: string): string | undefined {
  const match = /^P[123]_(.+)$/.exec(nodeId);
  return match ? match[1] : undefined;
}
