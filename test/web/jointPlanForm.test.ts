/**
 * The "Plan a network" form: what it offers at first, and each mistake refused at its field
 * before anything is simulated.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { defaultRange, fixedCapacityIn, initialChoice, readJointForm, targetNodesOf, type JointFormState } from '../../src/web/jointPlanForm.js';
import { plannableComponents } from '../../src/web/jointPlanSummary.js';

const model = JSON.parse(readFileSync(new URL('../../examples/fictional-icb-network.json', import.meta.url), 'utf8')) as ModelSpec;
const [{ component, bedNodes }] = plannableComponents(model);
const BASELINE = 'RV_BCap_Blos_BArr_BRoute';

const form = (change: Partial<JointFormState> = {}): JointFormState => ({
  component: 'RV',
  scenarioId: BASELINE,
  chosen: ['P3_RV', 'LTC_RV'],
  ranges: {},
  objectiveKind: 'cost',
  metric: 'delayed-per-day',
  targetNode: 'P3_RV',
  limitText: '5',
  replicationsText: '20',
  ...change,
});
const read = (state: JointFormState, settings: { seed: number | undefined } = { seed: 1 }) => readJointForm(model, component, bedNodes, state, { ...settings, costBasis: 'commissioned' });

describe('the network plan form', () => {
  it('starts with the bed nodes of fixed beds ticked and the CLI’s default ranges, which follow the scenario', () => {
    expect(initialChoice(model, component, bedNodes)).toEqual(['P3_RV', 'LTC_RV']);
    expect(fixedCapacityIn(model, component, BASELINE, 'P2_RV')).toBeUndefined();
    expect(fixedCapacityIn(model, component, BASELINE, 'LTC_RV')).toBe(390);
    expect(fixedCapacityIn(model, component, 'RV_S1Cap_Blos_BArr_BRoute', 'LTC_RV')).toBe(430);
    expect(defaultRange(66)).toEqual({ low: '0', high: '142' });
    expect(defaultRange(undefined)).toEqual({ low: '', high: '' });
    const { request, errors } = read(form());
    expect(errors).toEqual({ ranges: {} });
    expect(request).toEqual({
      component: 'RV',
      scenarioId: BASELINE,
      nodes: ['P3_RV', 'LTC_RV'],
      ranges: { P3_RV: { low: 0, high: 142 }, LTC_RV: { low: 0, high: 790 } },
      objective: { kind: 'cost' },
      costBasis: 'commissioned',
      replications: 20,
      seed: 1,
    });
    // Targets name any node but an exit.
    expect(targetNodesOf(model, component)).not.toContain('Home_RV');
    expect(targetNodesOf(model, component)).toContain('Acute_RV');
  });

  it('refuses each mistake at its field, and makes no request', () => {
    expect(read(form({ chosen: [] }))).toEqual({ errors: { nodes: 'Choose at least one node to plan', ranges: {} } });
    const reversed = read(form({ ranges: { P3_RV: { low: '50', high: '40' } } }));
    expect(reversed.request).toBeUndefined();
    expect(reversed.errors.ranges).toEqual({ P3_RV: { high: 'Enter at least the fewest, 50' } });
    expect(read(form({ ranges: { P3_RV: { low: '1.5', high: '40' } } })).errors.ranges.P3_RV.low).toBe('Enter a whole number');
    // A node whose beds follow a calendar has no default range: the planner gives one.
    const calendar = read(form({ chosen: ['P2_RV'] }));
    expect(calendar.errors.ranges.P2_RV.low).toBe('Enter a number (its capacity follows a calendar or is unlimited, so give the beds to try)');
    expect(read(form({ chosen: ['P2_RV'], ranges: { P2_RV: { low: '60', high: '90' } } })).request?.ranges).toEqual({ P2_RV: { low: 60, high: 90 } });
    expect(read(form({ replicationsText: '1' })).errors.replications).toBe('Enter 2 or more');
    expect(read(form({ replicationsText: '2001' })).errors.replications).toBe('Enter 2000 or fewer');
    expect(read(form({ objectiveKind: 'target', limitText: '-1' })).errors.limit).toBe('Enter 0 or more');
    // An invalid seed in the run panel: nothing to run, and no field of this form to blame.
    expect(read(form(), { seed: undefined })).toEqual({ errors: { ranges: {} } });
  });

  it('makes a network target, naming a node only where the metric needs one', () => {
    expect(read(form({ objectiveKind: 'target', limitText: '2.5' })).request?.objective).toEqual({ kind: 'target', target: { metric: 'delayed-per-day', limit: 2.5 } });
    expect(read(form({ objectiveKind: 'target', metric: 'blocked', targetNode: 'Acute_RV', limitText: '1' })).request?.objective).toEqual({
      kind: 'target',
      target: { metric: 'blocked', node: 'Acute_RV', limit: 1 },
    });
  });
});
