/**
 * The monitors can be turned off (joint planning's evaluations, the browser's runs): every
 * other figure of a component scenario is then identical, and the monitors' figures are left
 * out rather than given as numbers nobody computed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../src/engine/modelSchema.js';
import { simulateComponent } from '../../../src/engine/network/componentRun.js';
import { componentTask, plannedComponentScenarios } from '../../../src/engine/network/componentTask.js';

const REPLICATIONS = 3;
/** Generous: two runs of three replications of the example take a few seconds, more on a busy CI machine. */
const TIMEOUT_MS = 120_000;

describe('the network monitors turned off, on the network example', () => {
  it('leave every other figure of the component summary unchanged and give no monitor figures', { timeout: TIMEOUT_MS }, () => {
    const parsed = validateModel(JSON.parse(readFileSync(new URL('../../../examples/fictional-icb-network.json', import.meta.url), 'utf8')));
    if (!parsed.ok) throw new Error(parsed.issues.map((issue) => issue.message).join('; '));
    const planned = plannedComponentScenarios(parsed.model)[0];
    const on = simulateComponent(componentTask(parsed.model, planned, { seed: 7, initialResidual: 'ipacs' }, REPLICATIONS));
    const off = simulateComponent(componentTask(parsed.model, planned, { seed: 7, initialResidual: 'ipacs', monitors: false }, REPLICATIONS));
    expect(on.patients).toBeDefined();
    expect(on.nodes.every((node) => node.timePercentiles !== undefined)).toBe(true);
    expect(off.patients).toBeUndefined();
    expect(off.nodes.some((node) => node.timePercentiles !== undefined)).toBe(false);
    const withoutMonitors = ({ patients: _patients, ...summary }: typeof on) => ({
      ...summary,
      nodes: summary.nodes.map(({ timePercentiles: _levels, ...node }) => node),
    });
    expect(off).toEqual(withoutMonitors(on));
  });
});
