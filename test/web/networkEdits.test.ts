/**
 * The web app's edits and labels on a network model (the bundled network example): nodes
 * whose label is not P1/P2/P3, nodes without arrivals or capacity, and routes between nodes.
 */
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { validateModel } from '../../src/engine/modelSchema.js';
import { addScenario, deleteNode, deleteScenario, losProblem } from '../../src/web/modelEdits.js';
import { placesWord, plannableNodes } from '../../src/web/nodeKinds.js';
import { buildNetworkExampleModel } from '../../scripts/example-network.js';
import { buildExampleModel } from '../../scripts/example-model.js';

const network = buildNetworkExampleModel();
const node = (model: ModelSpec, id: string) => model.nodes.find((n) => n.id === id)!;

/** Problems of a model, as the schema words them. */
function problems(model: ModelSpec): string[] {
  const result = validateModel(model);
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

describe('editing a network model in the web app', () => {
  it('adds a scenario only to nodes that have that kind of scenario, so exits and delay nodes stay valid', () => {
    const edit = addScenario(network, 'capacity', 'S2Cap', 'BCap');
    if (!edit.ok) throw new Error(edit.reason);
    expect(node(edit.model, 'Home_RV').capacity).toEqual([]);
    expect(node(edit.model, 'AtHome_RV').capacity).toEqual([]);
    expect(node(edit.model, 'LTC_RV').capacity.map((c) => c.name)).toEqual(['BCap', 'S1Cap', 'S2Cap']);
    expect(problems(edit.model)).toEqual([]);
  });

  it('deletes a scenario without counting nodes that never had one of that kind', () => {
    const edit = deleteScenario(network, 'capacity', 'S1Cap');
    expect(edit.ok && node(edit.model, 'P2_RV').capacity.map((c) => c.name)).toEqual(['BCap']);
    expect(deleteScenario(network, 'capacity', 'BCap')).toEqual({ ok: true, model: expect.anything() });
    const onlyBaseline = deleteScenario(network, 'los', 'Blos');
    expect(onlyBaseline).toEqual({ ok: false, reason: expect.stringContaining('Blos is the only length of stay scenario of Acute_RV') });
  });

  it('refuses to delete a node that routes link (5 out of P2 and 1 in, in each routing scenario), and still deletes an isolated node', () => {
    expect(deleteNode(network, 'P2_RV')).toEqual({ ok: false, reason: 'P2_RV is linked to other nodes by 12 routes: change the routing in the workbook first' });
    const isolated = deleteNode(buildExampleModel(), 'P2_RV');
    expect(isolated.ok && isolated.model.nodes.map((n) => n.id)).not.toContain('P2_RV');
  });

  it('checks a stay by the node kind: a visit node stays whole days whatever its label', () => {
    const tooShort = { family: 'lnorm' as const, mean: 1, median: 0.5 };
    expect(losProblem(tooShort, 'DomCare', 'visit')).toBe('P1 mean length of stay 1 must be above 1 days');
    expect(losProblem(tooShort, 'LTC', 'bed')).toBeUndefined();
  });

  it('words capacity by kind: caseload places for visit nodes, beds for the others', () => {
    expect(placesWord(node(network, 'DomCare_RV'))).toBe('caseload places');
    expect(placesWord(node(network, 'P1_RV'), 1)).toBe('caseload place');
    expect(placesWord(node(network, 'LTC_RV'))).toBe('beds');
    expect(placesWord(node(network, 'Acute_RV'), 1)).toBe('bed');
  });

  it('plans on its own only a node simulated on its own', () => {
    expect(plannableNodes(network)).toEqual([]);
    const isolated = buildExampleModel();
    expect(plannableNodes(isolated)).toEqual(isolated.nodes);
    const mixed: ModelSpec = { ...network, nodes: [...network.nodes, node(isolated, 'P2_RV')].map((n, i) => (i === network.nodes.length ? { ...n, id: 'P2_XX', locality: 'XX' } : n)) };
    expect(plannableNodes(mixed).map((n) => n.id)).toEqual(['P2_XX']);
  });
});
