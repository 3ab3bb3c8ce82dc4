/**
 * What changed between two revisions of a model, as a list of field paths with the value
 * before and after, in the words a planner uses: a node by its id and a scenario by its
 * name (`nodes[P2_North].capacity[BCap].capacity`), not by their place in a list, so
 * inserting a node does not make every later node look changed. Pure, for the server's
 * diff endpoint and its audit log alike.
 */
import type { RevisionChange } from '../apiTypes.js';

/**
 * Past this many changed days in one series, the whole series is one change: "the arrivals
 * were replaced" reads better than 365 lines of single days.
 */
export const MOST_CHANGES_PER_SERIES = 20;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** An edge by what makes it one: its ends, its routing scenario and, for an overflow, that it is one. */
function edgeKey(edge: { [key: string]: Json }): string | undefined {
  if (typeof edge.from !== 'string' || typeof edge.to !== 'string') return undefined;
  const scenario = typeof edge.scenario === 'string' ? edge.scenario : 'BRoute';
  return `${edge.from}→${edge.to}, ${scenario}${edge.type === 'overflow' ? ', overflow' : ''}`;
}

/** How a planner names each element of a list of objects, or undefined when no name is unique (then its place in the list is used). */
function elementKeys(list: Json[]): string[] | undefined {
  if (list.length === 0) return [];
  if (!list.every(isObject)) return undefined;
  const objects = list as { [key: string]: Json }[];
  const namings: ((item: { [key: string]: Json }) => string | undefined)[] = [
    (item) => (typeof item.id === 'string' ? item.id : undefined),
    (item) => (typeof item.name === 'string' ? item.name : undefined),
    edgeKey,
  ];
  for (const naming of namings) {
    const keys = objects.map(naming);
    if (keys.every((key) => key !== undefined) && new Set(keys).size === keys.length) return keys as string[];
  }
  return undefined;
}

function diffValues(path: string, before: Json | undefined, after: Json | undefined, changes: RevisionChange[]): void {
  if (sameJson(before, after)) return;
  if (isObject(before) && isObject(after)) return diffObjects(path, before, after, changes);
  if (Array.isArray(before) && Array.isArray(after)) return diffLists(path, before, after, changes);
  // A list that appears (the first edges of a network) or goes is told element by element.
  if (Array.isArray(before) && after === undefined && elementKeys(before)) return diffLists(path, before, [], changes);
  if (before === undefined && Array.isArray(after) && elementKeys(after)) return diffLists(path, [], after, changes);
  changes.push(change(path, before, after));
}

function change(path: string, before: Json | undefined, after: Json | undefined): RevisionChange {
  return { path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) };
}

function diffObjects(path: string, before: { [key: string]: Json }, after: { [key: string]: Json }, changes: RevisionChange[]): void {
  const fields = [...Object.keys(before), ...Object.keys(after).filter((field) => !(field in before))];
  for (const field of fields) diffValues(path === '' ? field : `${path}.${field}`, before[field], after[field], changes);
}

function diffLists(path: string, before: Json[], after: Json[], changes: RevisionChange[]): void {
  const beforeKeys = elementKeys(before);
  const afterKeys = elementKeys(after);
  if (beforeKeys && afterKeys) return diffKeyedLists(path, before, beforeKeys, after, afterKeys, changes);
  if (before.length === after.length) {
    const differing = before.flatMap((value, index) => (sameJson(value, after[index]) ? [] : [index]));
    if (differing.length <= MOST_CHANGES_PER_SERIES) {
      for (const index of differing) diffValues(`${path}[${index}]`, before[index], after[index], changes);
      return;
    }
  }
  changes.push(change(path, before, after));
}

function diffKeyedLists(path: string, before: Json[], beforeKeys: string[], after: Json[], afterKeys: string[], changes: RevisionChange[]): void {
  const afterByKey = new Map(afterKeys.map((key, index) => [key, after[index]]));
  const beforeByKey = new Map(beforeKeys.map((key, index) => [key, before[index]]));
  beforeKeys.forEach((key, index) => diffValues(`${path}[${key}]`, before[index], afterByKey.get(key), changes));
  afterKeys.forEach((key, index) => {
    if (!beforeByKey.has(key)) changes.push(change(`${path}[${key}]`, undefined, after[index]));
  });
  // The order of nodes and scenarios is the order of output columns, so a reordering is a change too.
  const kept = beforeKeys.filter((key) => afterByKey.has(key));
  const keptAfter = afterKeys.filter((key) => beforeByKey.has(key));
  if (!sameJson(kept, keptAfter)) changes.push({ path: `${path} (order)`, before: kept, after: keptAfter });
}

/** Every difference from `before` to `after` (two ModelSpecs as JSON); empty when they are the same. */
export function diffRevisions(before: unknown, after: unknown): RevisionChange[] {
  const changes: RevisionChange[] = [];
  diffValues('', before as Json, after as Json, changes);
  return changes;
}
