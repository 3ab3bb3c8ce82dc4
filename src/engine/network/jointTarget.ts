/**
 * The targets a network plan can meet, and the capacities it searches, as the command line
 * reads and writes them: apart from the planner so that reading options does not load the
 * network simulator (25 modules) for every command.
 */

/** Whole capacities from `low` to `high`, both included. */
export interface CapacityRange {
  low: number;
  high: number;
}

/**
 * Targets on the network as a whole or on one node, each a mean a day over the horizon:
 * - `delayed-per-day`: delayed-discharge bed-days a day (patients blocked in acute nodes, and
 *   patients waiting in a bed node's queues, who wait in an acute bed the model does not hold);
 * - `blocked:NODE`: patients blocked in NODE (their stay over, holding its bed for the next node);
 * - `queue:NODE`: patients waiting in NODE's queues.
 */
export const JOINT_TARGET_METRICS = ['delayed-per-day', 'blocked', 'queue'] as const;
export type JointTargetMetric = (typeof JOINT_TARGET_METRICS)[number];

export interface JointTarget {
  metric: JointTargetMetric;
  /** The node of `blocked` and `queue`. */
  node?: string;
  limit: number;
}

/** Reads `delayed-per-day<=2`, `blocked:P3_N<=1.5`, `queue:LTC_N<=0.5`; throws RangeError otherwise. */
export function parseJointTarget(text: string): JointTarget {
  const match = /^\s*([a-z-]+)(?::([^<\s]+))?\s*<=\s*(\S+)\s*$/.exec(text);
  if (!match) throw new RangeError(`target "${text}" is not of the form metric<=value, e.g. delayed-per-day<=2 or blocked:P3_N<=1`);
  const metric = match[1] as JointTargetMetric;
  if (!JOINT_TARGET_METRICS.includes(metric)) throw new RangeError(`network target metric "${match[1]}" is not one of delayed-per-day, blocked:NODE, queue:NODE`);
  const node = match[2];
  if (metric === 'delayed-per-day' && node !== undefined) throw new RangeError('delayed-per-day is for the whole network: it names no node');
  if (metric !== 'delayed-per-day' && node === undefined) throw new RangeError(`${metric} needs a node, e.g. ${metric}:P3_N<=1`);
  const limit = Number(match[3]);
  if (!Number.isFinite(limit) || limit < 0) throw new RangeError(`target limit "${match[3]}" is not a non-negative number`);
  return node === undefined ? { metric, limit } : { metric, node, limit };
}

export function formatJointTarget(target: JointTarget): string {
  return `${target.metric}${target.node === undefined ? '' : `:${target.node}`}<=${target.limit}`;
}
