/**
 * The network sheets of a written workbook (docs/workbook-network.md): each only when the
 * model has something to put in it, so a model of isolated IPACS nodes writes the same bytes
 * as before, and reading a written workbook gives the model back.
 */
import type { Cell, Row, Sheet } from 'write-excel-file/universal';
import { pathwayOf, type ModelSpec, type NodeSpec, type Places } from '../engine/model.js';
import { NETWORK_COLUMNS, NETWORK_SHEETS, type NetworkSheetRole } from './networkLayout.js';

function text(value: string): Cell {
  return { value, type: String };
}

const optionalText = (value: string | undefined): Cell | null => (value === undefined ? null : text(value));
const optionalNumber = (value: number | undefined): Cell | null => (value === undefined ? null : value);
const places = (value: Places | undefined): Cell | null => (value === undefined ? null : value === 'unlimited' ? text(value) : value);
const date = (iso: string): Cell => ({ value: new Date(`${iso}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' });

export function networkSheets(model: ModelSpec): Sheet<Blob>[] {
  const sheets: [NetworkSheetRole, Row[]][] = [
    ['nodes', nodeRows(model)],
    ['routing', routingRows(model)],
    ['calendar', calendarRows(model)],
    ['profile', profileRows(model)],
  ];
  return sheets.filter(([, rows]) => rows.length > 0).map(([role, rows]) => sheet(role, rows));
}

function sheet(role: NetworkSheetRole, rows: Row[]): Sheet<Blob> {
  const columns: readonly string[] = NETWORK_COLUMNS[role];
  return {
    sheet: NETWORK_SHEETS[role],
    data: [columns.map((column) => ({ value: column, type: String, fontWeight: 'bold' as const })), ...rows],
    columns: columns.map((column) => ({ width: column === 'description' ? 40 : column.endsWith('date') ? 12 : 14 })),
    stickyRowsCount: 1,
  };
}

/**
 * A node needs a row when the IPACS sheets cannot say what it is: a kind, a label or buffer of
 * its own, an id that is not P1/P2/P3_<locality>, or no arrivals (so no arrivals row names it).
 */
function isDeclared(node: NodeSpec): boolean {
  return (
    node.kind !== undefined ||
    node.description !== undefined ||
    node.queueExternal !== undefined ||
    node.queueInternal !== undefined ||
    pathwayOf(node.id) === undefined ||
    node.arrivals.length === 0
  );
}

/**
 * Once one node needs a row, every node gets one, in model order: a workbook's nodes are in the
 * nodes sheet's order (then any others in the arrivals sheet's), and the order of a network's
 * nodes breaks ties in its simulation, so reading the workbook back must give it unchanged.
 */
function nodeRows(model: ModelSpec): Row[] {
  if (!model.nodes.some(isDeclared)) return [];
  return model.nodes
    .map((node): Row => [text(node.id), optionalText(node.kind), text(node.pathway), text(node.locality), places(node.queueExternal), places(node.queueInternal), optionalText(node.description)]);
}

function routingRows(model: ModelSpec): Row[] {
  return (model.edges ?? []).map((edge): Row => [
    text(edge.from),
    text(edge.to),
    optionalText(edge.scenario),
    edge.probability,
    optionalText(edge.type),
    optionalText(edge.condition),
    optionalText(edge.delay?.family),
    optionalNumber(edge.delay?.mean),
    optionalNumber(edge.delay?.median),
    optionalNumber(edge.delay?.sd),
  ]);
}

function calendarRows(model: ModelSpec): Row[] {
  return model.nodes.flatMap((node) =>
    node.capacity.flatMap((scenario): Row[] => {
      const calendar = scenario.calendar;
      if (!calendar) return [];
      if ('cycleDays' in calendar) return calendar.periods.map((p): Row => [text(node.id), text(scenario.name), null, null, calendar.cycleDays, p.start, p.end, p.capacity]);
      return calendar.periods.map((p): Row => [text(node.id), text(scenario.name), date(p.from), date(p.to), null, null, null, p.capacity]);
    }),
  );
}

function profileRows(model: ModelSpec): Row[] {
  return model.nodes.flatMap((node) =>
    node.arrivals.flatMap((scenario): Row[] => (scenario.profile ? scenario.profile.periods.map((p): Row => [text(node.id), text(scenario.name), scenario.profile!.cycleDays, p.start, p.end, p.weight]) : [])),
  );
}
