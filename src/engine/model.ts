/**
 * The model a run simulates: nodes (one pathway in one locality) and their scenarios.
 *
 * Plain JSON-serialisable data, so the same object can be posted to a worker thread,
 * a Web Worker, stored, or encoded in a link. Adapters (workbook, web forms) build it;
 * the engine only reads it.
 */

export type Pathway = 'P1' | 'P2' | 'P3';

/**
 * Distribution family of a length of stay: lognormal (IPACS's default), normal (truncated
 * at zero), or exponential (mean only; what queueing formulas such as Erlang C assume).
 */
export type LosFamily = 'lnorm' | 'norm' | 'exp';

export interface ArrivalScenario {
  /** Scenario name as planners type it, e.g. `BArr`, `S1Arr`. */
  name: string;
  /** What the scenario stands for, in a planner's words ("winter surge"); shown beside the name. */
  description?: string;
  /** Mean referrals on each day of the horizon; `daily[d - 1]` is day `d`. */
  daily: number[];
}

export interface CapacityScenario {
  /** e.g. `BCap`, `S1Cap`. */
  name: string;
  /** e.g. "today's capacity". */
  description?: string;
  /** Beds (P2/P3) or caseload (P1). Non-finite or very large values mean unrestricted. */
  capacity: number;
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
  /** `P{1,2,3}_{locality}`, e.g. `P2_NS`. */
  id: string;
  pathway: Pathway;
  locality: string;
  arrivals: ArrivalScenario[];
  capacity: CapacityScenario[];
  los: LosScenario[];
  initial: InitialState;
  costs: NodeCosts;
  /** When true a patient who finds the node full is lost rather than queued. */
  loseOverflow?: boolean;
}

export interface ModelSpec {
  /**
   * The version of modelSchema.ts the model follows. Models written from version 1 on carry
   * it; one without it (older model.json files and links) is read as version 1.
   */
  schemaVersion?: 1;
  /** Short name used in output file names (IPACS: the workbook's base name). */
  name: string;
  /** ISO dates `YYYY-MM-DD` of the horizon; `dates[d - 1]` is day `d`. */
  dates: string[];
  nodes: NodeSpec[];
  /** How every cost of this model is priced, in results, plans and reports alike; absent means `occupied`. */
  costBasis?: CostBasis;
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

export function pathwayOf(nodeId: string): Pathway | undefined {
  const match = /^(P[123])_(.+)$/.exec(nodeId);
  return match ? (match[1] as Pathway) : undefined;
}

export function localityOf(nodeId: string): string | undefined {
  const match = /^P[123]_(.+)$/.exec(nodeId);
  return match ? match[1] : undefined;
}
