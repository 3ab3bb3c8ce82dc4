/**
 * The monitors on the bundled network example (visit nodes, a capacity calendar, an arrival
 * profile, initial occupancy, blocking, readmission): every level percentile is a number (a
 * series stepped back in time unannounced would give NaN), each lies within the levels the
 * daily rows show, and the per-patient figures hang together.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../src/engine/modelSchema.js';
import { simulateComponent } from '../../../src/engine/network/componentRun.js';
import { componentTask, plannedComponentScenarios } from '../../../src/engine/network/componentTask.js';
import { MONITORED_LEVELS } from '../../../src/engine/network/levelMonitor.js';

const REPLICATIONS = 3;
/** Generous: three replications of a six-month network take about a second, more on a busy CI machine. */
const TIMEOUT_MS = 120_000;

describe('the monitors on the network example, first component scenario', () => {
  it('give a number for every level percentile, in order and within the daily range, and consistent journeys', { timeout: TIMEOUT_MS }, () => {
    const parsed = validateModel(JSON.parse(readFileSync(new URL('../../../examples/fictional-icb-network.json', import.meta.url), 'utf8')));
    if (!parsed.ok) throw new Error(parsed.issues.map((issue) => issue.message).join('; '));
    const task = componentTask(parsed.model, plannedComponentScenarios(parsed.model)[0], { seed: 1, initialResidual: 'ipacs' }, REPLICATIONS);
    const summary = simulateComponent(task);
    for (const node of summary.nodes) {
      for (const level of MONITORED_LEVELS) {
        const { p50, p90, p95 } = node.timePercentiles![level];
        for (const e of [p50, p90, p95]) expect(Number.isFinite(e.mean)).toBe(true);
        expect(p50.mean).toBeLessThanOrEqual(p90.mean);
        expect(p90.mean).toBeLessThanOrEqual(p95.mean);
        // The level reached at the 95th percentile of time is no higher than the highest 97.5 % quantile of a day's mean, plus one for a level inside a day.
        const highest = Math.max(...node.daily[level].quantiles[node.daily[level].quantiles.length - 1]);
        expect(p95.mean).toBeLessThanOrEqual(Math.ceil(highest) + 1);
      }
    }
    const patients = summary.patients!;
    expect(patients.left.mean).toBeGreaterThan(1000);
    expect(patients.timeInSystem.p50.mean).toBeLessThanOrEqual(patients.timeInSystem.p90.mean);
    expect(patients.timeInSystem.p90.mean).toBeLessThanOrEqual(patients.timeInSystem.p95.mean);
    // Everyone who left had at least one stay; some came back to acute from home (AtHome -> Acute).
    expect(patients.nodesVisited.mean).toBeGreaterThanOrEqual(1);
    expect(patients.readmissionsPer100.mean).toBeGreaterThan(0);
    // The exits' patients add up to those who left, so their mean times average to the overall mean.
    const byExit = Object.entries(patients.timeInSystemByExit);
    expect(byExit.length).toBeGreaterThan(1);
    const throughput = summary.system.throughputByExit;
    const weighted = byExit.reduce((sum, [exit, e]) => sum + e.mean * throughput[exit].mean, 0) / byExit.reduce((sum, [exit]) => sum + throughput[exit].mean, 0);
    // Equal only replication by replication; across replications the weights differ slightly.
    expect(weighted).toBeCloseTo(patients.timeInSystem.mean.mean, 0);
  });
});
