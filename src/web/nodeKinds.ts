/**
 * What the web app shows for a node follows its kind (how it is simulated), not its pathway
 * label: a network model's labels are anything (Acute, LTC, DomCare), and a visit node's
 * capacity is a caseload whatever it is called.
 */
import { kindOf, type ModelSpec, type NodeSpec } from '../engine/model.js';
import { networkComponents } from '../engine/network/fromModel.js';

/** `caseload places` for visit nodes, `beds` for the rest. */
export function placesWord(node: Pick<NodeSpec, 'kind' | 'pathway'>, count?: number): string {
  if (kindOf(node) === 'visit') return count === 1 ? 'caseload place' : 'caseload places';
  return count === 1 ? 'bed' : 'beds';
}

/**
 * Nodes the single-node planner can plan: those simulated alone, as IPACS does. A node in a
 * network depends on the nodes around it, so planning it alone would answer the wrong question.
 */
export function plannableNodes(model: ModelSpec): NodeSpec[] {
  const networked = new Set(networkComponents(model).flatMap((component) => component.nodes));
  return model.nodes.filter((_, i) => !networked.has(i));
}
