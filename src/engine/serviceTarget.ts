/**
 * The service targets a capacity plan can be asked to meet: each metric defined once, with
 * the CSV column and the plain words every output uses (docs/optimise.md#service-targets).
 * The command line, the web app, the reports and the joint planner read them from here.
 * Apart from the optimiser so that reading a target does not load the optimiser.
 *
 * Names differ from summary.csv's columns on purpose: summary.csv's `mean_wait_days`,
 * `p95_delayed` and `share_delayed` are other quantities (issue 17), and a shared name made
 * a target's figure and a run's figure look comparable when they are not.
 */

/** Service metrics a target can be set on; each falls as capacity grows. */
export const TARGET_METRICS = ['delay-days-per-patient', 'p95-delayed-per-run', 'p95-delayed-all-days', 'share-ever-delayed'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

/** The metrics that are a mean over replications of a figure per replication (all but the pooled percentile). */
export type ReplicationMetric = Exclude<TargetMetric, 'p95-delayed-all-days'>;
export const REPLICATION_METRICS: readonly ReplicationMetric[] = ['delay-days-per-patient', 'p95-delayed-per-run', 'share-ever-delayed'];

/** The share of days a 95th percentile leaves above it. */
export const PERCENTILE_EXCEEDANCE = 0.05;

export interface TargetMetricDefinition {
  /** As a CSV column (optimal.csv, cost_curve.csv). */
  column: string;
  /** Plain words for a planner, e.g. a form's label. */
  label: string;
  unit: 'days' | 'patients' | 'share';
  /** The definition in one line, as docs/optimise.md states it. */
  formula: string;
  /** How it relates to summary.csv's nearest column. */
  summaryCsv: string;
}

export const TARGET_METRIC_DEFINITIONS: Record<TargetMetric, TargetMetricDefinition> = {
  'delay-days-per-patient': {
    column: 'delay_days_per_patient',
    label: 'Days delayed per patient, on average',
    unit: 'days',
    formula: 'mean over runs of (delayed bed-days ÷ patients needing the node: referrals plus the initial queue)',
    summaryCsv: "not summary.csv's mean_wait_days, which divides by patients admitted and pools the runs",
  },
  'p95-delayed-per-run': {
    column: 'p95_delayed_per_run',
    label: 'Patients delayed on a busy day of a typical run (each run’s 95th percentile of days, averaged)',
    unit: 'patients',
    formula: "mean over runs of the 95th percentile of the run's daily number delayed",
    summaryCsv: "smaller than summary.csv's p95_delayed, which pools the days of all runs",
  },
  'p95-delayed-all-days': {
    column: 'p95_delayed_all_days',
    label: 'Patients delayed on a bad day (95th percentile of all days of all runs)',
    unit: 'patients',
    formula: 'the 95th percentile of the daily number delayed over every day of every run',
    summaryCsv: "the quantity of summary.csv's p95_delayed, on the plan's runs and capacity",
  },
  'share-ever-delayed': {
    column: 'share_ever_delayed',
    label: 'Share of patients ever delayed',
    unit: 'share',
    formula: 'mean over runs of (patients who waited, or were still waiting at the end, ÷ patients needing the node)',
    summaryCsv: "not summary.csv's share_delayed, which counts only patients admitted, leaves out those still waiting and pools the runs",
  },
};

/**
 * Spellings before issue 17, still read so that old scripts run, with a note naming the new
 * metric. `p95-delayed` keeps its old meaning (the per-run percentile); the note names the
 * all-days one too, since that is what its old wording suggested.
 */
export const RENAMED_TARGET_METRICS: Record<string, TargetMetric> = {
  'mean-wait': 'delay-days-per-patient',
  'p95-delayed': 'p95-delayed-per-run',
  'share-delayed': 'share-ever-delayed',
};

/** A service target: `metric` at most `limit`, e.g. at most 1 day delayed per patient. */
export interface ServiceTarget {
  metric: TargetMetric;
  limit: number;
}

/** Digits with at most one decimal point: no signs, exponents, hexadecimal, Infinity or blanks. */
export const PLAIN_DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

const TARGET_FORM = /^\s*([a-z0-9-]+)\s*<=\s*(\S+)\s*$/;

/**
 * Reads a target as planners write it, e.g. `delay-days-per-patient<=1`. The limit must be a
 * plain decimal: `Number()` would read `0x10` as 16 and `1e1` as 10, and a planner who typed
 * either did not mean a target nobody would recognise in the output.
 */
export function parseTarget(text: string): ServiceTarget {
  const match = TARGET_FORM.exec(text);
  if (!match) throw new RangeError(`target "${text}" is not of the form metric<=value, e.g. delay-days-per-patient<=1`);
  const metric = (RENAMED_TARGET_METRICS[match[1]] ?? match[1]) as TargetMetric;
  if (!TARGET_METRICS.includes(metric)) throw new RangeError(`target metric "${match[1]}" is not one of ${TARGET_METRICS.join(', ')}`);
  if (!PLAIN_DECIMAL.test(match[2])) throw new RangeError(`target limit "${match[2]}" is not a plain decimal number of 0 or more, e.g. 1 or 0.05`);
  const limit = Number(match[2]);
  if (metric === 'share-ever-delayed' && limit > 1) throw new RangeError(`share-ever-delayed is a share between 0 and 1, not ${limit}`);
  return { metric, limit };
}

/** For a target written with a name from before issue 17: what it now reads as. */
export function renamedTargetNote(text: string): string | undefined {
  const old = TARGET_FORM.exec(text)?.[1];
  const now = old === undefined ? undefined : RENAMED_TARGET_METRICS[old];
  if (now === undefined) return undefined;
  const extra = old === 'p95-delayed' ? " (for the 95th percentile of all days, as summary.csv's p95_delayed, use p95-delayed-all-days)" : '';
  return `note: target metric ${old} is now called ${now}, the same quantity${extra}; see docs/optimise.md#service-targets`;
}

export function formatTarget(target: ServiceTarget): string {
  return `${target.metric}<=${target.limit}`;
}
