/**
 * A run with its network components, as the output writers read it. The run (run.ts) adds
 * `components` to RunResult; the writers need nothing else from it, so they are written
 * against this shape and work on a run with or without networks.
 */
import type { ComponentSummary, NodeNetworkSummary } from '../engine/network/componentSummary.js';
import type { RunResult } from '../engine/run.js';

export type NetworkRunResult = RunResult & { components?: readonly ComponentSummary[] };

/** Whether the run simulated any network component: only then are the network files and columns written. */
export function hasNetworks(result: NetworkRunResult): boolean {
  return (result.components?.length ?? 0) > 0;
}

/** Each networked node-scenario's network summary, by its scenario id. */
export function networkNodesById(result: NetworkRunResult): Map<string, NodeNetworkSummary> {
  const byId = new Map<string, NodeNetworkSummary>();
  for (const component of result.components ?? []) for (const node of component.nodes) byId.set(node.scenario.key.id, node);
  return byId;
}
