/**
 * A Pathflow model as PathSimR's network and calendar templates, for a model PathSimR can
 * express: bed (or acute) nodes and exits, one scenario of each kind, routes in one routing
 * scenario, calendars and arrival profiles that repeat daily or weekly, nobody there at the
 * start. Anything else is refused, naming the node or field. Importing what this writes gives
 * back the model it was written from (the round trip the tests hold it to).
 */
import { BASELINE_ROUTING, isUnrestricted, kindOf, type ArrivalScenario, type CapacityScenario, type ModelSpec, type NodeSpec, type Places } from '../engine/model.js';
import { CALENDAR_COLUMNS } from './calendarFile.js';
import { csvRow } from '../csv/format.js';
import { pathsimrDistribution } from './distributions.js';
import type { PathsimrUnit } from './importPathsimr.js';
import { FIXED_COLUMNS } from './networkFile.js';
import { rText } from './rValues.js';

export type PathsimrExport = { ok: true; networkCsv: string; calendarCsv: string; unit: PathsimrUnit; notes: string[] } | { ok: false; errors: string[] };

/**
 * `unit`: PathSimR's time unit for the files; by default hours when a calendar or arrival
 * profile changes within a day, else days. A model imported in one unit reads back exactly
 * when exported in the same unit.
 */
export function exportPathsimr(model: ModelSpec, options: { unit?: PathsimrUnit } = {}): PathsimrExport {
  const errors: string[] = [];
  const notes: string[] = [];
  const refuse = (node: NodeSpec | undefined, message: string) => errors.push(node ? `${node.id}: ${message}` : message);
  model.nodes.forEach((node) => nodeProblems(node, refuse));
  const edges = model.edges ?? [];
  const scenarios = new Set(edges.map((edge) => edge.scenario ?? BASELINE_ROUTING));
  if (scenarios.size > 1) refuse(undefined, `edges: the model has ${scenarios.size} routing scenarios (${[...scenarios].join(', ')}); PathSimR has one transition matrix`);
  for (const edge of edges) if (edge.type === 'overflow') refuse(undefined, `edges: ${edge.from} -> ${edge.to} is an overflow edge, which PathSimR does not have`);
  if (errors.length > 0) return { ok: false, errors };

  const unit: PathsimrUnit = options.unit ?? (model.nodes.some(hasTimeWithinDay) ? 'hours' : 'days');
  const unitsPerDay = unit === 'hours' ? 24 : 1;
  const points = model.nodes.filter((node) => kindOf(node) !== 'exit');
  const exits = model.nodes.filter((node) => kindOf(node) === 'exit');
  // PathSimR has no implicit exit: a node without routes out sends its patients to one named here.
  const withoutRoutes = points.filter((node) => !edges.some((edge) => edge.from === node.id));
  const implicitExit = withoutRoutes.length > 0 ? uniqueName('Exit', model.nodes) : undefined;
  if (implicitExit) notes.push(`${withoutRoutes.map((node) => node.id).join(', ')} ${withoutRoutes.length === 1 ? 'has' : 'have'} no route out; PathSimR needs one, so they go to a new exit, ${implicitExit}`);
  const names = [...points.map((node) => node.id), ...exits.map((node) => node.id), ...(implicitExit ? [implicitExit] : [])];

  const networkRows = points.map((node) => {
    const out = edges.filter((edge) => edge.from === node.id);
    const probability = (to: string) => {
      const edge = out.find((candidate) => candidate.to === to);
      if (edge) return String(edge.probability);
      return to === implicitExit && out.length === 0 ? '1' : '0';
    };
    const service = pathsimrDistribution(node.los[0], 1 / unitsPerDay);
    if (!service.ok) errors.push(`${node.id}: los[0] is ${service.message}`);
    const delays = names.map((to) => {
      const delay = out.find((edge) => edge.to === to)?.delay;
      if (!delay) return ['NA', 'NA'];
      const converted = pathsimrDistribution(delay, 1 / unitsPerDay);
      if (!converted.ok) {
        errors.push(`edge ${node.id} -> ${to}: its delay is ${converted.message}`);
        return ['NA', 'NA'];
      }
      return [converted.family, converted.parameters];
    });
    const queueExternal = node.loseOverflow ? 0 : (node.queueExternal ?? 'unlimited');
    return [
      node.id,
      ...names.map(probability),
      service.ok ? service.family : 'NA',
      service.ok ? service.parameters : 'NA',
      queueText(queueExternal),
      queueText(node.queueInternal ?? 0),
      ...delays.map(([family]) => family),
      ...delays.map(([, parameters]) => parameters),
    ];
  });
  const exitRows = names.slice(points.length).map((name) => [name, ...new Array<string>(3 * names.length + 4).fill('NA')]);
  const header = ['', ...names, ...FIXED_COLUMNS, ...names.map((name) => `${name}_delay_dist`), ...names.map((name) => `${name}_delay_params`)];

  const calendarRows: string[][] = [];
  for (const node of points) {
    calendarRows.push(...capacityRows(node, node.capacity[0], unitsPerDay, notes));
    const arrivals = arrivalRows(node, node.arrivals[0], unitsPerDay);
    if (typeof arrivals === 'string') errors.push(`${node.id}: arrivals[0] ${arrivals}`);
    else calendarRows.push(...arrivals);
  }
  if (errors.length > 0) return { ok: false, errors };
  if (model.warmupDays) notes.push(`PathSimR's files hold no warm-up: give PathSimR a warm-up of ${model.warmupDays * unitsPerDay} ${unit}`);
  if (model.nodes.some((node) => node.costs.community > 0 || node.costs.acuteDelay > 0)) notes.push("costs are not in PathSimR's files and are left out");
  const text = (rows: string[][]) => rows.map((row) => csvRow(row)).join('\n') + '\n';
  return { ok: true, networkCsv: text([header, ...networkRows, ...exitRows]), calendarCsv: text([[...CALENDAR_COLUMNS], ...calendarRows]), unit, notes };
}

function nodeProblems(node: NodeSpec, refuse: (node: NodeSpec, message: string) => void): void {
  const kind = kindOf(node);
  if (kind === 'visit' || kind === 'delay') refuse(node, `a ${kind} node, which PathSimR does not have (its service points are servers in continuous time)`);
  if (/^\s|\s$| /.test(node.id)) refuse(node, 'the id holds a space, which PathSimR turns into _ (rename the node first)');
  if (kind === 'exit') return;
  for (const [field, count] of [['capacity', node.capacity.length], ['los', node.los.length]] as const) {
    if (count !== 1) refuse(node, `has ${count} ${field} scenarios; PathSimR models one`);
  }
  if (node.arrivals.length > 1) refuse(node, `has ${node.arrivals.length} arrival scenarios; PathSimR models one`);
  const { occupied, waiting, blocked = 0 } = node.initial;
  if (occupied + waiting + blocked > 0) refuse(node, 'has patients at the start (initial); PathSimR starts every run empty');
  const calendar = node.capacity[0]?.calendar;
  if (calendar && !('cycleDays' in calendar)) refuse(node, "capacity[0].calendar has dated periods; PathSimR's calendars repeat (a daily or weekly cycle can be exported)");
}

/** Whether a calendar or profile changes within a day: then hours show its times as PathSimR's users write them. */
function hasTimeWithinDay(node: NodeSpec): boolean {
  const times = [
    ...node.capacity.flatMap((scenario) => (scenario.calendar && 'cycleDays' in scenario.calendar ? scenario.calendar.periods.flatMap((p) => [p.start, p.end]) : [])),
    ...node.arrivals.flatMap((scenario) => scenario.profile?.periods.flatMap((p) => [p.start, p.end]) ?? []),
  ];
  return times.some((time) => !Number.isInteger(time));
}

function queueText(places: Places): string {
  return places === 'unlimited' ? 'Inf' : String(places);
}

function uniqueName(base: string, nodes: readonly NodeSpec[]): string {
  let name = base;
  for (let i = 2; nodes.some((node) => node.id === name); i++) name = `${base}${i}`;
  return name;
}

function capacityRows(node: NodeSpec, scenario: CapacityScenario, unitsPerDay: number, notes: string[]): string[][] {
  const servers = (capacity: number) => {
    if (isUnrestricted(capacity)) return 'Inf';
    if (!Number.isInteger(capacity)) notes.push(`${node.id}: capacity ${capacity} is written as ${Math.floor(capacity)} servers, the whole servers Pathflow simulates`);
    return String(Math.floor(capacity));
  };
  const calendar = scenario.calendar;
  if (!calendar || !('cycleDays' in calendar)) return [['cap', node.id, '0', 'NA', servers(scenario.capacity)]];
  return calendar.periods.map((p) => ['cap', node.id, rText(p.start * unitsPerDay), rText(p.end * unitsPerDay), servers(p.capacity)]);
}

/**
 * The external arrival rate per unit over the cycle, or why it has none: each day's mean is
 * spread over the day by the profile's weights, so a rate is the day's mean times the weight
 * over the day's total weight.
 */
function arrivalRows(node: NodeSpec, scenario: ArrivalScenario | undefined, unitsPerDay: number): string[][] | string {
  if (!scenario) return [['ext_arr', node.id, '0', 'NA', '0']];
  const cycleDays = scenario.profile?.cycleDays ?? 1;
  const repeats = scenario.daily.findIndex((mean, d) => mean !== scenario.daily[d % cycleDays]);
  if (repeats !== -1) {
    return `varies from day to day (day ${repeats + 1} is ${scenario.daily[repeats]}, not ${scenario.daily[repeats % cycleDays]} as ${cycleDays === 1 ? 'day 1' : `day ${(repeats % cycleDays) + 1} of the week`}); PathSimR's arrival rates repeat ${cycleDays === 1 ? 'daily' : 'weekly'}`;
  }
  if (!scenario.profile) return [['ext_arr', node.id, '0', 'NA', rText(scenario.daily[0] / unitsPerDay)]];
  const periods = scenario.profile.periods;
  const overlap = (p: { start: number; end: number }, day: number) => Math.max(0, Math.min(p.end, day + 1) - Math.max(p.start, day));
  const weightOfDay = Array.from({ length: cycleDays }, (_, day) => periods.reduce((total, p) => total + p.weight * overlap(p, day), 0));
  const rows: string[][] = [];
  for (const p of periods) {
    // A period crossing midnight may have a different rate each side (each day keeps its own mean).
    let from = p.start;
    let rate: string | undefined;
    for (let day = Math.floor(p.start); day < p.end; day++) {
      if (overlap(p, day) === 0) continue;
      const dayRate = rText((scenario.daily[day] * p.weight) / weightOfDay[day] / unitsPerDay);
      if (rate !== undefined && dayRate !== rate) {
        rows.push(['ext_arr', node.id, rText(from * unitsPerDay), rText(day * unitsPerDay), rate]);
        from = day;
      }
      rate = dayRate;
    }
    rows.push(['ext_arr', node.id, rText(from * unitsPerDay), rText(p.end * unitsPerDay), rate ?? '0']);
  }
  return rows;
}
