/**
 * A scenario as a reader sees it: its label (`BCap_Blos_S1Arr`) and, where the workbook or
 * the app describes its parts, what they stand for ("today’s capacity; stays as today;
 * winter surge"). One function for the web app's legends, picker and table and for the
 * report's, so both say the same.
 */
import type { ModelSpec } from '../engine/model.js';

export interface ScenarioParts {
  capacityScenario: string;
  losScenario: string;
  arrivalScenario: string;
}

/** Each kind's scenario name -> its description, the first found in node order. */
export interface ScenarioDescriptions {
  capacity: ReadonlyMap<string, string>;
  los: ReadonlyMap<string, string>;
  arrivals: ReadonlyMap<string, string>;
}

/** `BCap_Blos_BArr`: a node's scenario named by its three parts; the engine's system view keys scenarios by it. */
import { scenarioLabelOf as scenarioLabel } from '../engine/systemView.js';
export { scenarioLabel };

export function scenarioDescriptions(model: ModelSpec): ScenarioDescriptions {
  const collect = (lists: Array<ReadonlyArray<{ name: string; description?: string }>>) => {
    const found = new Map<string, string>();
    for (const list of lists) for (const s of list) if (s.description !== undefined && !found.has(s.name)) found.set(s.name, s.description);
    return found;
  };
  return {
    capacity: collect(model.nodes.map((n) => n.capacity)),
    los: collect(model.nodes.map((n) => n.los)),
    arrivals: collect(model.nodes.map((n) => n.arrivals)),
  };
}

/** "today’s capacity; stays as today; winter surge": the parts that are described, in label order; undefined when none is. */
export function describeScenario(parts: ScenarioParts, descriptions: ScenarioDescriptions): string | undefined {
  const said = [descriptions.capacity.get(parts.capacityScenario), descriptions.los.get(parts.losScenario), descriptions.arrivals.get(parts.arrivalScenario)].filter(
    (d): d is string => d !== undefined,
  );
  return said.length === 0 ? undefined : said.join('; ');
}

/** "BCap_Blos_S1Arr: today’s capacity; stays as today; winter surge", or the label alone. */
export function scenarioText(parts: ScenarioParts, descriptions: ScenarioDescriptions): string {
  const description = describeScenario(parts, descriptions);
  return description === undefined ? scenarioLabel(parts) : `${scenarioLabel(parts)}: ${description}`;
}
