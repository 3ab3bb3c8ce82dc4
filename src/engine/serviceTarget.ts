/**
 * Service targets a capacity plan can be asked to meet, as planners write them. Apart from
 * the optimiser so that reading one on the command line does not load the optimiser.
 */

/** Service metrics a target can be set on; each falls as capacity grows. */
export const TARGET_METRICS = ['mean-wait', 'p95-delayed', 'share-delayed'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

/** A service target: `metric` at most `limit`, e.g. a mean wait of at most 1 day. */
export interface ServiceTarget {
  metric: TargetMetric;
  limit: number;
}

/** Reads a target as planners write it: `mean-wait<=1`, `p95-delayed<=5`, `share-delayed<=0.05`. */
export function parseTarget(text: string): ServiceTarget {
  const match = /^\s*([a-z0-9-]+)\s*<=\s*(\S+)\s*$/.exec(text);
  if (!match) throw new RangeError(`target "${text}" is not of the form metric<=value, e.g. mean-wait<=1`);
  const metric = match[1] as TargetMetric;
  if (!TARGET_METRICS.includes(metric)) throw new RangeError(`target metric "${match[1]}" is not one of ${TARGET_METRICS.join(', ')}`);
  const limit = Number(match[2]);
  if (!Number.isFinite(limit) || limit < 0) throw new RangeError(`target limit "${match[2]}" is not a non-negative number`);
  if (metric === 'share-delayed' && limit > 1) throw new RangeError(`share-delayed is a share between 0 and 1, not ${limit}`);
  return { metric, limit };
}

export function formatTarget(target: ServiceTarget): string {
  return `${target.metric}<=${target.limit}`;
}
