/**
 * Puts the network sheets' contents into the model read from the IPACS sheets: which nodes
 * there are and of what kind, their labels and buffers, edges, calendars and profiles; and
 * records where each part came from (NetworkLocator) so that the model schema's problems are
 * reported at their cells.
 */
import { formatModelIssue, type ModelIssue } from '../engine/modelSchema.js';
import { kindOf, pathwayOf, type EdgeSpec, type NodeKind, type NodeSpec } from '../engine/model.js';
import type { WorkbookIssue } from './issues.js';
import { NetworkLocator, readCalendars, readProfiles, readRouting, uncoveredDays, type DeclaredNode, type NetworkTables, type Periods } from './networkSheets.js';
import type { CapacityCalendar, ArrivalProfile } from '../engine/model.js';
import type { RowReader } from './table.js';
import type { SettingCells } from './settings.js';

/** Nodes of the arrivals sheet in its order, then nodes only the nodes sheet declares, in its order. */
export function modelNodeIds(arrivalNodes: Iterable<string>, declared: ReadonlyMap<string, DeclaredNode>): string[] {
  const ids = [...declared.keys()];
  const seen = new Set(ids);
  return [...ids, ...[...arrivalNodes].filter((id) => !seen.has(id))];
}

/** Undefined when the nodes sheet's kind cell was refused. */
export function nodeKind(id: string, declared: ReadonlyMap<string, DeclaredNode>): NodeKind | undefined {
  const node = declared.get(id);
  if (node?.kindRefused) return undefined;
  return kindOf({ kind: node?.kind, pathway: node?.pathway ?? pathwayOf(id) ?? '' });
}

export interface NetworkParts {
  edges?: { edges: EdgeSpec[]; rows: RowReader[] };
  calendars: Map<string, Map<string, Periods<CapacityCalendar>>>;
  profiles: Map<string, Map<string, Periods<ArrivalProfile>>>;
}

export function readNetworkParts(tables: NetworkTables, nodeIds: ReadonlySet<string>): NetworkParts {
  return {
    edges: tables.routing && readRouting(tables.routing, nodeIds),
    calendars: tables.calendar ? readCalendars(tables.calendar, nodeIds) : new Map(),
    profiles: tables.profile ? readProfiles(tables.profile, nodeIds) : new Map(),
  };
}

/**
 * A profile shapes an arrival scenario the node has; a calendar's scenario may be new, but then
 * nothing else gives its capacity, so its dated periods must cover every day of the horizon.
 */
export function checkScenarios(parts: NetworkParts, arrivalScenarios: (id: string) => ReadonlySet<string>, capacityScenarios: (id: string) => ReadonlySet<string>, dates: readonly string[]): void {
  for (const [node, byScenario] of parts.profiles) {
    for (const [scenario, { rows }] of byScenario) {
      if (!arrivalScenarios(node).has(scenario)) rows[0].error('scenario', `${node} has no arrival scenario ${scenario} in the arrivals sheet for this profile to shape`);
    }
  }
  for (const [node, byScenario] of parts.calendars) {
    for (const [scenario, { value, rows }] of byScenario) {
      if (capacityScenarios(node).has(scenario)) continue;
      const missing = uncoveredDays(value, dates);
      if (missing.length > 0) {
        const listed = missing.slice(0, 5).join(', ') + (missing.length > 5 ? ', ...' : '');
        rows[0].error('scenario', `${node} ${scenario} has no row in the capacity sheet, so its periods must cover the horizon, but ${missing.length} days are in none: ${listed}`);
      }
    }
  }
}

/** A node's declaration and calendars and profiles, added to what the IPACS sheets gave it. */
export function withNetwork(node: NodeSpec, declared: DeclaredNode | undefined, parts: NetworkParts): NodeSpec {
  const out: NodeSpec = declared ? { ...node, pathway: declared.pathway, locality: declared.locality } : node;
  if (declared?.kind !== undefined) out.kind = declared.kind;
  if (declared?.description !== undefined) out.description = declared.description;
  if (declared?.queueExternal !== undefined) out.queueExternal = declared.queueExternal;
  if (declared?.queueInternal !== undefined) out.queueInternal = declared.queueInternal;
  const calendars = parts.calendars.get(node.id);
  if (calendars) {
    out.capacity = out.capacity.map((scenario) => (calendars.has(scenario.name) ? { ...scenario, calendar: calendars.get(scenario.name)!.value } : scenario));
    for (const [name, { value }] of calendars) {
      // A scenario only the calendar names: its own capacity is never used (the periods cover every day or the cycle), so it is the first period's.
      if (!out.capacity.some((scenario) => scenario.name === name)) out.capacity.push({ name, capacity: value.periods[0].capacity, calendar: value });
    }
  }
  const profiles = parts.profiles.get(node.id);
  if (profiles) out.arrivals = out.arrivals.map((scenario) => (profiles.has(scenario.name) ? { ...scenario, profile: profiles.get(scenario.name)!.value } : scenario));
  return out;
}

/** Where each node's parts are in the sheets, by kind of part. */
export interface NodeRows {
  declared?: RowReader;
  arrivals?: RowReader;
  capacity?: RowReader;
  los?: RowReader;
  costs?: RowReader;
  initial?: RowReader;
  measures?: ReadonlyMap<'occupied' | 'waiting' | 'blocked', RowReader>;
}

export function locator(nodes: readonly NodeSpec[], rowsOf: (id: string) => NodeRows, parts: NetworkParts, settings: SettingCells): NetworkLocator {
  const found = new NetworkLocator();
  nodes.forEach((node, n) => {
    const rows = rowsOf(node.id);
    const home = rows.declared ?? rows.arrivals;
    const path = `nodes[${n}]`;
    if (rows.declared) found.setRow(path, rows.declared, { id: 'node', kind: 'kind', pathway: 'pathway', locality: 'locality', queueExternal: 'queue_external', queueInternal: 'queue_internal', description: 'description', loseOverflow: 'queue_external' }, 'node');
    else if (home) found.setRow(path, home, { id: 'node' }, 'node');
    for (const part of ['arrivals', 'capacity', 'los', 'costs', 'initial'] as const) {
      const row = rows[part] ?? home;
      if (row) found.set(`${path}.${part}`, (message) => row.issue('node', message));
    }
    for (const [measure, row] of rows.measures ?? []) found.set(`${path}.initial.${measure}`, (message) => row.issue('value', message));
    node.capacity.forEach((scenario, s) => {
      const calendar = parts.calendars.get(node.id)?.get(scenario.name);
      if (calendar) found.periods(`${path}.capacity[${s}].calendar`, calendar.rows, { from: 'from_date', to: 'to_date', cycleDays: 'cycle_days', start: 'start', end: 'end', capacity: 'capacity' });
    });
    node.arrivals.forEach((scenario, a) => {
      const profile = parts.profiles.get(node.id)?.get(scenario.name);
      if (profile) found.periods(`${path}.arrivals[${a}].profile`, profile.rows, { cycleDays: 'cycle_days', start: 'start', end: 'end', weight: 'weight' });
    });
  });
  if (parts.edges) found.edges(parts.edges.rows);
  for (const [field, cell] of settings) found.set(field, (message) => ({ ...cell, message }));
  return found;
}

/**
 * The model schema's problems at their cells. One the workbook cannot explain is a bug in
 * this reader, said plainly rather than run.
 */
export function locatedIssues(issues: readonly ModelIssue[], found: NetworkLocator): WorkbookIssue[] {
  return issues.map(
    (issue) => found.locate(issue) ?? { message: `the model read from the workbook fails the model check (a bug in Pathflow's reader): ${formatModelIssue(issue)}` },
  );
}
