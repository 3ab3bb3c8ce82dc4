/**
 * Before and after: the system view of a new run beside that of the previous run, label by
 * label, as differences (new minus previous).
 *
 * Random streams are keyed by seed, node and replication, so two runs with the same seed
 * and replication count draw the same patients: replication r of the new run is paired with
 * replication r of the previous one, a node that did not change cancels exactly, and an
 * unchanged model gives a difference of exactly zero. With another seed or count there is
 * nothing to pair, and the interval is Welch's for two independent means.
 */
import { SYSTEM_MEASURES, pairedDifferences, type SystemMeasure, type SystemView } from './systemView.js';
import { studentTQuantile, type Estimate } from './statistics.js';

export interface RunOfView {
  view: SystemView;
  seed: number;
}

export interface LabelChange {
  label: string;
  before: Record<SystemMeasure, Estimate>;
  after: Record<SystemMeasure, Estimate>;
  /** After minus before. */
  difference: Record<SystemMeasure, Estimate>;
}

export interface RunDifference {
  /** True when replications were paired (same seed and count); false for Welch intervals. */
  paired: boolean;
  /** Labels in both runs, the new run's baseline first when the previous run has it. */
  changes: LabelChange[];
}

/** Welch's interval for the difference of two independent means. */
export function welchDifference(after: Estimate, before: Estimate, nAfter: number, nBefore: number): Estimate {
  const mean = after.mean - before.mean;
  const a = after.se * after.se;
  const b = before.se * before.se;
  const se = Math.sqrt(a + b);
  if (!(nAfter >= 2 && nBefore >= 2) || !Number.isFinite(se)) return { mean, low: NaN, high: NaN, se: NaN };
  if (se === 0) return { mean, low: mean, high: mean, se: 0 };
  const df = (a + b) ** 2 / ((a * a) / (nAfter - 1) + (b * b) / (nBefore - 1));
  const half = studentTQuantile(0.975, df) * se;
  return { mean, low: mean - half, high: mean + half, se };
}

export function runDifference(before: RunOfView, after: RunOfView): RunDifference {
  const paired = before.seed === after.seed && before.view.replications === after.view.replications;
  const changes: LabelChange[] = [];
  for (const next of after.view.scenarios) {
    const previous = before.view.scenarios.find((s) => s.label === next.label);
    if (!previous) continue;
    const difference = paired
      ? pairedDifferences(next.byReplication, previous.byReplication)
      : (Object.fromEntries(
          SYSTEM_MEASURES.map((m) => [m, welchDifference(next.totals[m], previous.totals[m], after.view.replications, before.view.replications)]),
        ) as Record<SystemMeasure, Estimate>);
    changes.push({ label: next.label, before: previous.totals, after: next.totals, difference });
  }
  return { paired, changes };
}
