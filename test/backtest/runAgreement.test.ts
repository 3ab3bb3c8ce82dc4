/**
 * The backtest's simulated mean is the run's: with the same seed and replications, each
 * day's mean of people delayed equals daily.csv's `niq` mean, for a node simulated alone and
 * for nodes simulated together in a network.
 */
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/backtest/backtest.js';
import { simulateJob, type BacktestJob } from '../../src/backtest/backtestJobs.js';
import { matchSeries } from '../../src/backtest/backtestSeries.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { runModel } from '../../src/engine/run.js';
import type { ObservedRow } from '../../src/observed/observedSeries.js';
import { truthModel, twoLocalityModel } from './syntheticTruth.js';

const inProcess = async (jobs: readonly BacktestJob[]) => jobs.map(simulateJob);

async function agree(model: ModelSpec, compared = model.nodes) {
  const options = { replications: 12, seed: 9 };
  const run = await runModel(model, options);
  const rows: ObservedRow[] = compared.flatMap((node) =>
    model.dates.map((date) => ({ grain: 'day' as const, date, org: '', pathway: node.pathway, node: node.id, measure: 'delayed', detail: '', value: 1, basis: 'reported' as const })),
  );
  const match = matchSeries(model, rows, { file: 'observed.csv', lines: rows.map((_, i) => i + 2) });
  if (!match.ok) throw new Error(match.problems.join('\n'));
  const result = await runBacktest(model, match.series, options, inProcess);
  compared.forEach((node, i) => {
    // The run's first scenario of the node is its baseline (the component's, in a network).
    const summary = run.scenarios.find((s) => s.key.node === node.id)!;
    const simulated = result.fits[i].points.map((p) => p.simMean);
    expect(simulated).toHaveLength(model.dates.length);
    simulated.forEach((mean, d) => expect(mean).toBeCloseTo(summary.daily.niq.mean[d], 9));
    expect(Math.max(...simulated)).toBeGreaterThan(0);
  });
}

describe('backtest and run agree', () => {
  it('for a node simulated alone', async () => {
    await agree(truthModel(18, 30));
  });

  it('for nodes simulated together in a network (one locality passing patients on to the other)', async () => {
    const model = twoLocalityModel(30);
    const compared = [...model.nodes];
    const home: ModelSpec['nodes'][number] = { id: 'Home_A', pathway: 'Home', kind: 'exit', locality: 'A', arrivals: [], capacity: [], los: [], initial: { occupied: 0, waiting: 0 }, costs: { community: 0, acuteDelay: 0 } };
    model.nodes.push(home);
    model.edges = [
      { from: 'P2_A', to: 'P2_B', probability: 0.5 },
      { from: 'P2_A', to: 'Home_A', probability: 0.5 },
    ];
    await agree(model, compared);
  });
});
