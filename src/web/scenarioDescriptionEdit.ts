/**
 * A scenario name's description, edited once for every node: names are shared by the nodes
 * (BCap is each node's baseline capacity), as in the workbook's descriptions sheet.
 */
import { descriptionProblem } from '../engine/bounds.js';
import type { ModelSpec } from '../engine/model.js';
import type { Edit, ScenarioKind } from './modelEdits.js';

type Described = { name: string; description?: string };

/** The description of a scenario name: the first node's that has one. */
export function scenarioDescriptionOf(model: ModelSpec, kind: ScenarioKind, name: string): string {
  for (const node of model.nodes) {
    const found = (node[kind] as Described[]).find((s) => s.name === name && s.description !== undefined);
    if (found) return found.description!;
  }
  return '';
}

/** Sets the description of a scenario name at every node; a blank text removes it. */
export function describeScenarioEverywhere(model: ModelSpec, kind: ScenarioKind, name: string, text: string): Edit {
  const description = text.trim();
  if (description !== '') {
    const problem = descriptionProblem(description);
    if (problem) return { ok: false, reason: `${name}: ${problem}` };
  }
  const describe = (s: Described): Described => {
    if (s.name !== name) return s;
    const { description: _old, ...rest } = s;
    return description === '' ? rest : { ...rest, description };
  };
  return { ok: true, model: { ...model, nodes: model.nodes.map((node) => ({ ...node, [kind]: (node[kind] as Described[]).map(describe) })) } };
}
