/**
 * The one schema of a model, versioned. Every model that enters Pathflow from outside (a
 * workbook's, model.json read back, the web app's stored model and share links, later an
 * API body) goes through `validateModel`, so all of them are held to the same rules: the
 * shape of ModelSpec, the plausibility bounds of bounds.ts, and the checks that need
 * several fields at once (a lognormal from its mean and median, a series as long as the
 * horizon, unique ids).
 *
 * valibot because its issues carry paths (`nodes[2].los[0].mean`), it can emit the JSON
 * Schema an HTTP API will publish (@valibot/to-json-schema), and it is small: it loads in
 * about 15 ms where zod took about 95 ms, a tenth of an end-to-end run of the IPACS sample,
 * and it compiles nothing with `new Function`, which the web app's Content-Security-Policy
 * forbids.
 */
import * as v from 'valibot';
import {
  BOUNDS,
  boundProblem,
  descriptionProblem,
  formatBoundNumber,
  MAX_NAME_LENGTH,
  MEDIAN_BOUND,
  MOST_MEAN_TO_MEDIAN,
  MOST_SD_TO_MEAN,
  nameProblem,
  quoted,
  MAX_EDGES,
  MAX_PERIODS,
  SD_BOUND,
  type NumberBound,
} from './bounds.js';
import { fitLos, LosFitError } from './lengthOfStay.js';
import { NODE_KINDS, type LosFamily, type ModelSpec, type NodeSpec } from './model.js';
import { networkIssues, type Issue } from './networkSchema.js';

/** The version models are written with; a model without one is read as version 1. */
export const MODEL_SCHEMA_VERSION = 2;
/** Versions this Pathflow reads: 1 (isolated nodes only) is a subset of 2. */
export const READABLE_SCHEMA_VERSIONS = [1, 2] as const;

export interface ModelIssue {
  /** Where, as `nodes[2].los[0].mean`; empty for the model as a whole. */
  path: string;
  message: string;
}

export type ModelValidation = { ok: true; model: ModelSpec } | { ok: false; issues: ModelIssue[] };

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${quoted(value)}`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** The message for a value of the wrong kind, or a missing one. */
function expected(what: string) {
  return (issue: { input: unknown }) => (issue.input === undefined ? `is missing (expected ${what})` : `is ${describe(issue.input)}, not ${what}`);
}

/** A finite number within a bound, each problem in the words the workbook reader uses too. */
function bounded(bound: NumberBound) {
  type Message = (issue: { input: unknown }) => string;
  const problem: Message = (issue) => boundProblem(bound, Number(issue.input), bound.label) ?? `${bound.label} is out of bounds`;
  const least = bound.minInclusive ? v.minValue<number, number, Message>(bound.min, problem) : v.gtValue<number, number, Message>(bound.min, problem);
  // Where a bound has no maximum or no whole-number rule, a finiteness check (always true by
  // then) stands in, so that the pipe keeps one shape.
  const most = bound.max === undefined ? v.finite<number, Message>(problem) : v.maxValue<number, number, Message>(bound.max, problem);
  const whole = bound.whole ? v.integer<number, Message>(problem) : v.finite<number, Message>(problem);
  return v.pipe(v.number(expected('a number')), v.finite<number, Message>(problem), least, most, whole);
}

const checkedText = (problemOf: (text: string) => string | undefined) =>
  v.pipe(
    v.string(expected('text')),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const problem = problemOf(dataset.value);
      if (problem) addIssue({ message: problem });
    }),
  );
const name = (what: string) => checkedText((text) => nameProblem(text, what));
const description = v.optional(checkedText((text) => descriptionProblem(text)));

/** A real calendar day `YYYY-MM-DD` (valibot's isoDate checks the form, not that the day exists). */
function isoDateField() {
  return v.pipe(
    v.string(expected('a date YYYY-MM-DD')),
    v.check((text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text, expected('a date YYYY-MM-DD')),
  );
}
const isoDate = isoDateField();

/**
 * An object whose missing fields are reported in their own words ("is missing (expected an
 * object with community and acuteDelay)"): valibot words a missing key with the message of
 * the object that lacks it, so that message hands over to the field's.
 */
function object<Entries extends v.ObjectEntries>(entries: Entries, what: string) {
  const own = expected(what);
  return v.pipe(
    // valibot takes a list for an object (with every key missing); a list is not a model.
    v.custom<Record<string, unknown>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), own),
    v.object(entries, (issue) => {
      const key = issue.path?.at(-1)?.key;
      if (issue.input === undefined && typeof key === 'string' && Object.hasOwn(entries, key)) {
        const message = (entries[key] as { message?: unknown }).message;
        if (typeof message === 'function') return (message as (issue: { input: unknown }) => string)(issue);
      }
      return own(issue);
    }),
  );
}

const atLeastOne = <T extends v.GenericSchema>(item: T, what: string, none: string) => v.pipe(v.array(item, expected(what)), v.minLength(1, none));


/**
 * A list refused for its length before its items are looked at, so that a hostile link's
 * ten million periods cost one comparison, not ten million checks and messages.
 */
function atMost<T extends v.GenericSchema>(most: number, list: T, what: string) {
  return v.pipe(
    v.unknown(),
    v.check((input) => !Array.isArray(input) || input.length <= most, (issue) => `has ${formatBoundNumber((issue.input as unknown[]).length)} ${what}, more than the ${formatBoundNumber(most)} allowed`),
    list,
  );
}

const fraction = v.pipe(v.number(expected('a number')), v.finite(expected('a finite number')));
const cycleDays = v.picklist([1, 7], expected('1 (a day) or 7 (a week)'));
const arrivalProfile = object(
  {
    cycleDays,
    periods: atMost(MAX_PERIODS, atLeastOne(object({ start: fraction, end: fraction, weight: fraction }, 'an object with start, end and weight'), 'a list of periods', 'is empty: a profile needs a period'), 'periods'),
  },
  'an object with cycleDays and periods',
);
const cycleCalendar = object(
  {
    cycleDays,
    periods: atMost(MAX_PERIODS, atLeastOne(object({ start: fraction, end: fraction, capacity: bounded(BOUNDS.capacity) }, 'an object with start, end and capacity'), 'a list of periods', 'is empty: a calendar needs a period'), 'periods'),
  },
  'an object with cycleDays and periods',
);
const datedCalendar = object(
  { periods: atMost(MAX_PERIODS, atLeastOne(object({ from: isoDateField(), to: isoDateField(), capacity: bounded(BOUNDS.capacity) }, 'an object with from, to and capacity'), 'a list of periods', 'is empty: a calendar needs a period'), 'periods') },
  'an object with periods',
);
// Chosen by the presence of cycleDays rather than tried in turn (a union), so that a problem is
// reported in the words of the form meant, at its path.
const capacityCalendar = v.lazy((input) => (typeof input === 'object' && input !== null && 'cycleDays' in input ? cycleCalendar : datedCalendar));
const places = v.union([bounded({ ...BOUNDS.patients, label: 'places', max: undefined }), v.literal('unlimited')], expected('a whole number of places or "unlimited"'));

const arrivalScenario = object(
  { name: name('the scenario name'), description, daily: v.array(bounded(BOUNDS.arrivals), expected('a list of daily referrals')), profile: v.optional(arrivalProfile) },
  'an object',
);
const capacityScenario = object({ name: name('the scenario name'), description, capacity: bounded(BOUNDS.capacity), calendar: v.optional(capacityCalendar) }, 'an object');
const losFamily = v.picklist(['lnorm', 'norm', 'exp', 'gamma', 'weibull', 'unif'], expected('lnorm, norm, exp, gamma, weibull or unif'));
const duration = object({ family: losFamily, mean: bounded(BOUNDS.meanLos), median: v.optional(bounded(MEDIAN_BOUND)), sd: v.optional(bounded(SD_BOUND)) }, 'an object with family and mean');

const losScenario = object(
  {
    name: name('the scenario name'),
    description,
    family: losFamily,
    mean: bounded(BOUNDS.meanLos),
    median: v.optional(bounded(MEDIAN_BOUND)),
    sd: v.optional(bounded(SD_BOUND)),
    initialVisitRate: v.optional(bounded(BOUNDS.visitRate)),
    finalVisitRate: v.optional(bounded(BOUNDS.visitRate)),
  },
  'an object',
);

const node = object(
  {
    id: v.string(expected('a node id such as P2_North')),
    pathway: name('the pathway label'),
    kind: v.optional(v.picklist(NODE_KINDS, expected(NODE_KINDS.join(', ')))),
    locality: name('the locality'),
    description,
    // Whether a node may have no scenarios depends on its kind and links: semanticIssues says.
    arrivals: v.array(arrivalScenario, expected('a list of arrival scenarios')),
    capacity: v.array(capacityScenario, expected('a list of capacity scenarios')),
    los: v.array(losScenario, expected('a list of length-of-stay scenarios')),
    initial: object({ occupied: bounded(BOUNDS.patients), waiting: bounded(BOUNDS.patients), blocked: v.optional(bounded(BOUNDS.patients)) }, 'an object with occupied and waiting'),
    costs: object({ community: bounded(BOUNDS.cost), acuteDelay: bounded(BOUNDS.cost) }, 'an object with community and acuteDelay'),
    loseOverflow: v.optional(v.boolean(expected('true or false'))),
    queueExternal: v.optional(places),
    queueInternal: v.optional(places),
  },
  'an object',
);

const edge = object(
  {
    from: v.string(expected('a node id')),
    to: v.string(expected('a node id')),
    scenario: v.optional(name('the routing scenario')),
    probability: v.pipe(v.number(expected('a probability')), v.minValue(0, 'is below 0: a probability is from 0 to 1'), v.maxValue(1, 'is above 1: a probability is from 0 to 1')),
    type: v.optional(v.picklist(['route', 'overflow'], expected('route or overflow'))),
    condition: v.optional(v.string(expected('full or wait>=N'))),
    delay: v.optional(duration),
  },
  'an object with from, to and probability',
);

const sheetRows = v.array(v.tuple([v.string(), v.string()], expected('a [node, key] pair')), expected('a list'));

/** The shape of a model; `validateModel` adds the checks across fields. */
export const modelSchema = object(
  {
    schemaVersion: v.optional(v.picklist(READABLE_SCHEMA_VERSIONS, expected(`schema version ${READABLE_SCHEMA_VERSIONS.join(' or ')} (this Pathflow reads no other)`))),
    name: name('the model name'),
    dates: v.pipe(
      v.array(isoDate, expected('a list of dates')),
      v.minLength(BOUNDS.horizonDays.min, 'is empty: the horizon needs at least one day'),
      v.maxLength(BOUNDS.horizonDays.max, `is longer than the most allowed, ${formatBoundNumber(BOUNDS.horizonDays.max)} days`),
    ),
    nodes: atLeastOne(node, 'a list of nodes', 'is empty: a model needs at least one node'),
    costBasis: v.optional(v.picklist(['occupied', 'commissioned'], expected('occupied or commissioned'))),
    edges: v.optional(atMost(MAX_EDGES, v.array(edge, expected('a list of edges')), 'edges')),
    warmupDays: v.optional(bounded({ ...BOUNDS.horizonDays, label: 'warm-up', min: 0 })),
    resolveDeadlocks: v.optional(v.boolean(expected('true or false'))),
    ipacsSheetRows: v.optional(object({ arrivals: sheetRows, capacity: sheetRows, los: sheetRows, initial: sheetRows }, 'an object')),
  },
  'an object (a model)',
);

// The schema and the interfaces in model.ts must describe the same thing.
type SchemaModel = v.InferOutput<typeof modelSchema>;
type Assignable<From, To> = [From] extends [To] ? true : false;
const schemaMatchesTypes: [Assignable<SchemaModel, ModelSpec>, Assignable<ModelSpec, SchemaModel>] = [true, true];
void schemaMatchesTypes;

/** `[{ key: 'nodes' }, { key: 2 }]` -> `['nodes', 2]`. */
export function issuePath(issue: v.BaseIssue<unknown>): (string | number)[] {
  return (issue.path ?? []).map((item) => item.key as string | number);
}

const NODE_ID = /^(P[123])_(.+)$/;

/** Checks that need more than one field; run only on a model whose shape is right. */
function semanticIssues(model: ModelSpec): Issue[] {
  const issues: Issue[] = [];
  for (let day = 1; day < model.dates.length; day++) {
    if (nextIsoDay(model.dates[day - 1]) !== model.dates[day]) {
      issues.push({ path: ['dates', day], message: `${model.dates[day]} does not follow ${model.dates[day - 1]}: the days of the horizon must be consecutive` });
      break;
    }
  }
  const seen = new Map<string, number>();
  model.nodes.forEach((node, n) => {
    const at = (...path: (string | number)[]) => ['nodes', n, ...path];
    const first = seen.get(node.id);
    if (first !== undefined) issues.push({ path: at('id'), message: `${node.id} is also nodes[${first}]: node ids must be unique` });
    else seen.set(node.id, n);
    for (const kind of ['arrivals', 'capacity', 'los'] as const) {
      const names = new Map<string, number>();
      node[kind].forEach((scenario, s) => {
        const earlier = names.get(scenario.name);
        if (earlier !== undefined) issues.push({ path: at(kind, s, 'name'), message: `${scenario.name} is also ${kind}[${earlier}]: scenario names must be unique` });
        else names.set(scenario.name, s);
      });
    }
    node.arrivals.forEach((arrival, a) => {
      if (arrival.daily.length !== model.dates.length) {
        issues.push({ path: at('arrivals', a, 'daily'), message: `has ${arrival.daily.length} days, the horizon ${model.dates.length}: a series must cover every day` });
      }
    });
    node.los.forEach((los, l) => issues.push(...losIssues(node, los).map((issue) => ({ ...issue, path: at('los', l, ...issue.path) }))));
  });
  // Ids, which scenarios each kind of node needs, edges, calendars, profiles, buffers.
  issues.push(...networkIssues(model));
  return issues;
}

/** The LOS checks the engine needs: fittable, P1 above a day, not absurdly spread. */
export function losIssues(node: { kind?: NodeSpec['kind']; pathway?: string }, los: NodeSpec['los'][number]): Issue[] {
  if (node.kind === 'visit' || (node.kind === undefined && node.pathway === 'P1')) {
    const problem = boundProblem(BOUNDS.p1MeanLos, los.mean, BOUNDS.p1MeanLos.label);
    if (problem) return [{ path: ['mean'], message: problem }];
  }
  try {
    fitLos(los);
  } catch (error) {
    if (!(error instanceof LosFitError)) throw error;
    return [{ path: [losFitField(los)], message: error.message }];
  }
  const usesMedian = los.family === 'lnorm' && los.median !== undefined;
  // Multiplied, not divided, so that a median of exactly a tenth of the mean passes.
  if (usesMedian && los.median! * MOST_MEAN_TO_MEDIAN < los.mean) {
    return [{ path: ['median'], message: `median ${los.median} is below 1/${MOST_MEAN_TO_MEDIAN} of the mean (${Number((los.mean / MOST_MEAN_TO_MEDIAN).toPrecision(6))}): the stay is too spread to simulate` }];
  }
  if (!usesMedian && los.family !== 'exp' && los.sd !== undefined && los.sd > MOST_SD_TO_MEAN * los.mean) {
    return [{ path: ['sd'], message: `sd ${los.sd} is above ${MOST_SD_TO_MEAN} × the mean (${Number((MOST_SD_TO_MEAN * los.mean).toPrecision(6))}): the stay is too spread to simulate` }];
  }
  return [];
}

/** The field to blame for a LOS fitLos refuses, following fitLos's own order of checks. */
export function losFitField(los: Pick<NodeSpec['los'][number], 'family' | 'mean' | 'median' | 'sd'>): 'mean' | 'median' | 'sd' {
  if (!(los.mean > 0) || los.family === 'exp') return 'mean';
  // Every family but the lognormal is fitted from the sd alone.
  if (los.family !== 'lnorm') return 'sd';
  if (los.median !== undefined) return 'median';
  return los.sd !== undefined ? 'sd' : 'median';
}

function nextIsoDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** `['nodes', 2, 'los', 0, 'mean']` -> `nodes[2].los[0].mean`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), '');
}

/** `nodes[2].los[0].mean (P2_North): ...` */
export function formatModelIssue(issue: ModelIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/** A model from anywhere, checked: the model (unknown fields dropped) or every problem found. */
export function validateModel(value: unknown): ModelValidation {
  const parsed = v.safeParse(modelSchema, value);
  const nodes = typeof value === 'object' && value !== null && Array.isArray((value as { nodes?: unknown }).nodes) ? (value as { nodes: unknown[] }).nodes : [];
  const withNode = (issue: { path: readonly PropertyKey[]; message: string }): ModelIssue => {
    const [field, index] = issue.path;
    const node = field === 'nodes' && typeof index === 'number' ? nodes[index] : undefined;
    const id = typeof node === 'object' && node !== null ? (node as { id?: unknown }).id : undefined;
    const context = typeof id === 'string' && id.length <= MAX_NAME_LENGTH && issue.path.length > 2 ? ` (${id})` : '';
    return { path: formatPath(issue.path) + context, message: issue.message };
  };
  if (!parsed.success) return { ok: false, issues: parsed.issues.map((issue) => withNode({ path: issuePath(issue), message: issue.message })) };
  const model = parsed.output as ModelSpec;
  const issues = semanticIssues(model);
  if (issues.length > 0) return { ok: false, issues: issues.map(withNode) };
  return { ok: true, model };
}

/** The model as written to model.json, storage and links: with the schema version it follows. */
export function versionedModel(model: ModelSpec): ModelSpec {
  return { schemaVersion: leastSchemaVersion(model), ...model };
}

/** What a version 1 reader accepts; PathSimR's gamma, weibull and unif came with version 2. */
const VERSION_1_LOS_FAMILIES: readonly LosFamily[] = ['lnorm', 'norm', 'exp'];

/**
 * The oldest version that describes the model: 1 for IPACS's isolated nodes, so the model.json
 * of a model without networks stays byte for byte what earlier releases wrote (and they can
 * read it back), 2 once anything of a network is in it.
 */
export function leastSchemaVersion(model: ModelSpec): 1 | 2 {
  const networked =
    model.edges !== undefined ||
    model.warmupDays !== undefined ||
    model.resolveDeadlocks !== undefined ||
    model.nodes.some(
      (node) =>
        node.kind !== undefined ||
        node.description !== undefined ||
        node.queueExternal !== undefined ||
        node.queueInternal !== undefined ||
        node.initial.blocked !== undefined ||
        !NODE_ID.test(node.id) ||
        node.arrivals.some((arrival) => arrival.profile !== undefined) ||
        node.capacity.some((capacity) => capacity.calendar !== undefined) ||
        node.los.some((los) => !VERSION_1_LOS_FAMILIES.includes(los.family)),
    );
  return networked ? 2 : 1;
}

/**
 * The text of a run's model.json, as the CLI and the web app write it: the inputs as
 * simulated, so a report (or a later run) can be made from the directory alone. The sheet
 * row order is IPACS bookkeeping, not an input, and is left out.
 */
export function modelFileText(model: ModelSpec): string {
  const { ipacsSheetRows: _rows, ...inputs } = model;
  return JSON.stringify(versionedModel(inputs)) + '\n';
}
