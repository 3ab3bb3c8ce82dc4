/**
 * The bundled network example: Riverside and Downs ICB (the localities of the isolated-node
 * example, RV Riverside, DN Downs, CT Castleton) as a Discharge to Assess network over the
 * winter of 2026-27. Each locality is one network (one component): its acute hospital's
 * emergency admissions of people aged 65 and over, routed when medically fit to home (P0),
 * P1, P2 or P3; P2 stepping down to P1; P1 handing some patients on to domiciliary care; P3
 * (and some P2) placing people in long-term care (LTC) places; readmissions through a spell
 * at home; and death.
 *
 * Every figure is invented but plausible, chosen so that the flows into P1, P2 and P3 are of
 * the scale of the isolated-node example and the IPACS sample (a few to ten referrals a day
 * per node), and so that the baseline already has delayed discharges:
 * - emergency admissions aged 65 and over: England has about 2.6 million a year for about
 *   11 million people of that age, some 0.65 a day per 1,000; a locality of 50,000 to 55,000
 *   people aged 65+ gives 29 to 36 a day;
 * - acute stay until medically fit: mean 7.5 days, median 4.5 (older people's emergency stays
 *   are longer than the all-age mean of about 5 days, and skewed);
 * - where people go: most go home without new support (P0); among the rest P1 is the largest
 *   pathway, then P2, then P3, the order of NHS England's discharge guidance and published
 *   discharge data;
 * - acute beds sized for about 90 % occupancy before delays; P2 and P3 beds and the P1 and
 *   domiciliary care caseloads sized at 88-92 % of their offered load, as the isolated
 *   example's nodes are;
 * - long-term care places commissioned slightly short of what the flow needs, so LTC is full
 *   and blocks P3 beds (its stay: mean 450 days, median 400, of the order of care-home
 *   residents' median survival of one to two years);
 * - costs a day (pounds): a delayed day in an acute bed 350 (NHS reference costs' excess bed
 *   day, as the isolated example); a P2 bed 155 and a P3 bed 170 (as the isolated example);
 *   a P1 reablement visit 36 (a visit node is priced per visit, as IPACS prices P1: about 90
 *   a day, 600 a week, at the mean 2.5 visits a day); a domiciliary care call 18 (about 45 a
 *   day at 2.5 calls, some 1.5 hours at the Homecare Association's minimum price of about 30
 *   an hour); an LTC place 180 (about 1,260 a week, between residential and nursing fees).
 *
 * Built by formula, with no randomness, so the file is the same on every run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArrivalProfile, CapacityScenario, EdgeSpec, LosScenario, ModelSpec, NodeKind, NodeSpec } from '../src/engine/model.js';
import { modelFileText } from '../src/engine/modelSchema.js';
import { writeIpacsWorkbook } from '../src/workbook/write.js';

export const NETWORK_EXAMPLE_NAME = 'fictional-icb-network';
const FIRST_DATE = '2026-10-01';
const DAYS = 182;
/** Extra P2 beds each winter (the capacity calendar). */
const WINTER = { from: '2026-12-01', to: '2027-03-31' };
/** Emergency admissions run about 6 % higher from December to February. */
const WINTER_ADMISSIONS = { from: '2026-12-01', to: '2027-02-28', factor: 1.06 };
/** Emergency admissions by weekday, Sunday first, averaging 1: busiest on Monday, quietest at weekends. */
const WEEKDAY_FACTOR = [0.86, 1.12, 1.06, 1.02, 1.01, 1.04, 0.89];
/** Admissions within the day: few overnight, most from 8 am to 8 pm (weights, renormalised each day). */
const ADMISSIONS_BY_HOUR: ArrivalProfile = {
  cycleDays: 1,
  periods: [
    { start: 0, end: 8 / 24, weight: 0.4 },
    { start: 8 / 24, end: 20 / 24, weight: 1.4 },
    { start: 20 / 24, end: 1, weight: 0.9 },
  ],
};

const LOCALITIES = ['RV', 'DN', 'CT'] as const;
type Locality = (typeof LOCALITIES)[number];

/** Node roles within a locality; the id of a node is `<role>_<locality>`. */
type Role = 'Acute' | 'P1' | 'P2' | 'P3' | 'DomCare' | 'LTC' | 'AtHome' | 'Home' | 'Died';

interface LocalityFigures {
  /** Mean emergency admissions aged 65+ a day. */
  admissions: number;
  /** Beds or caseload places by role, in the baseline. */
  capacity: Record<'Acute' | 'P1' | 'P2' | 'P3' | 'DomCare' | 'LTC', number>;
  /** Patients present on 1 October by role (LTC starts full). */
  occupied: Record<'Acute' | 'P1' | 'P2' | 'P3' | 'DomCare' | 'LTC' | 'AtHome', number>;
  /** Patients medically fit in an acute bed on 1 October, waiting for P1, P2 or P3. */
  waiting: Record<'P1' | 'P2' | 'P3', number>;
}

const FIGURES: Record<Locality, LocalityFigures> = {
  RV: {
    admissions: 36,
    capacity: { Acute: 322, P1: 140, P2: 82, P3: 66, DomCare: 86, LTC: 390 },
    occupied: { Acute: 280, P1: 130, P2: 74, P3: 60, DomCare: 85, LTC: 390, AtHome: 13 },
    waiting: { P1: 3, P2: 2, P3: 2 },
  },
  DN: {
    admissions: 29,
    capacity: { Acute: 262, P1: 115, P2: 67, P3: 54, DomCare: 72, LTC: 315 },
    occupied: { Acute: 226, P1: 106, P2: 60, P3: 48, DomCare: 69, LTC: 315, AtHome: 11 },
    waiting: { P1: 2, P2: 2, P3: 1 },
  },
  CT: {
    admissions: 32,
    capacity: { Acute: 282, P1: 124, P2: 74, P3: 59, DomCare: 76, LTC: 348 },
    occupied: { Acute: 250, P1: 116, P2: 66, P3: 53, DomCare: 76, LTC: 348, AtHome: 12 },
    waiting: { P1: 2, P2: 1, P3: 2 },
  },
};

/** Extra P2 beds from 1 December to 31 March, by locality. */
const WINTER_P2_BEDS: Record<Locality, number> = { RV: 10, DN: 8, CT: 9 };
/** The capacity scenario S1Cap commissions this many more LTC places, by locality. */
const MORE_LTC_PLACES: Record<Locality, number> = { RV: 40, DN: 32, CT: 36 };

/** Where patients go next: [target role, probability in BRoute, probability in S1Route (more go home)]. */
const ROUTES: Partial<Record<Role, [Role, number, number][]>> = {
  Acute: [
    ['Home', 0.66, 0.7],
    ['P1', 0.2, 0.18],
    ['P2', 0.075, 0.065],
    ['P3', 0.04, 0.03],
    ['Died', 0.025, 0.025],
  ],
  P1: [
    ['Home', 0.67, 0.72],
    ['DomCare', 0.25, 0.2],
    ['AtHome', 0.08, 0.08],
  ],
  P2: [
    ['Home', 0.45, 0.52],
    ['P1', 0.25, 0.22],
    ['LTC', 0.12, 0.1],
    ['AtHome', 0.08, 0.08],
    ['Died', 0.1, 0.08],
  ],
  P3: [
    ['LTC', 0.55, 0.5],
    ['Home', 0.15, 0.2],
    ['AtHome', 0.08, 0.08],
    ['Died', 0.22, 0.22],
  ],
  DomCare: [
    ['Home', 0.92, 0.92],
    ['AtHome', 0.08, 0.08],
  ],
  LTC: [['Died', 1, 1]],
  AtHome: [['Acute', 1, 1]],
};

/** The readmission probability from each D2A node, for the example's tests. */
export const READMISSION_PROBABILITY = 0.08;

interface RoleSpec {
  kind: NodeKind;
  pathway: string;
  description: string;
  los?: Omit<LosScenario, 'name' | 'description'>;
  /** Pounds: a bed-day or, at a visit node, a visit (`community`); a day waiting in an acute bed (`acuteDelay`). */
  costs: NodeSpec['costs'];
  queueInternal?: NodeSpec['queueInternal'];
}

const ROLES: Record<Role, RoleSpec> = {
  Acute: {
    kind: 'acute',
    pathway: 'Acute',
    description: 'emergency admissions aged 65 and over, in an acute bed until medically fit',
    los: { family: 'lnorm', mean: 7.5, median: 4.5 },
    costs: { community: 0, acuteDelay: 350 },
    // Readmitted patients wait in ED with everyone else rather than at home.
    queueInternal: 'unlimited',
  },
  P1: {
    kind: 'visit',
    pathway: 'P1',
    description: 'reablement visits at home',
    los: { family: 'lnorm', mean: 16, median: 10, initialVisitRate: 4, finalVisitRate: 1 },
    costs: { community: 36, acuteDelay: 350 },
  },
  P2: { kind: 'bed', pathway: 'P2', description: 'community rehabilitation beds', los: { family: 'lnorm', mean: 27, median: 22 }, costs: { community: 155, acuteDelay: 350 } },
  P3: { kind: 'bed', pathway: 'P3', description: 'assessment beds for people who may need long-term care', los: { family: 'lnorm', mean: 40, median: 34 }, costs: { community: 170, acuteDelay: 350 } },
  DomCare: {
    kind: 'visit',
    pathway: 'DomCare',
    description: 'domiciliary care packages after reablement',
    los: { family: 'lnorm', mean: 42, median: 28, initialVisitRate: 3, finalVisitRate: 2 },
    costs: { community: 18, acuteDelay: 350 },
  },
  LTC: {
    kind: 'bed',
    pathway: 'LTC',
    description: 'long-term care places (care homes) commissioned for people leaving P2 and P3',
    los: { family: 'lnorm', mean: 450, median: 400 },
    // Nobody waits for LTC in an acute bed: they wait in P3 or P2, priced there.
    costs: { community: 180, acuteDelay: 0 },
    // No waiting list of its own: a full LTC keeps its next residents in their P3 or P2 bed.
    queueInternal: 0,
  },
  AtHome: {
    kind: 'delay',
    pathway: 'AtHome',
    description: 'time at home before a readmission',
    los: { family: 'exp', mean: 12 },
    costs: { community: 0, acuteDelay: 0 },
  },
  Home: { kind: 'exit', pathway: 'Home', description: 'home, with or without support', costs: { community: 0, acuteDelay: 0 } },
  Died: { kind: 'exit', pathway: 'Died', description: 'died', costs: { community: 0, acuteDelay: 0 } },
};

const ROLE_ORDER: Role[] = ['Acute', 'P1', 'P2', 'P3', 'DomCare', 'LTC', 'AtHome', 'Home', 'Died'];

/**
 * The example over `days` days from 1 October 2026. The bundled files cover the winter (182
 * days); issue 12's speed target names a year, so the bench also runs it over 365 days
 * (make-network-year.ts): the same figures, the calendar and the winter admissions by date.
 */
export function buildNetworkExampleModel(days = DAYS): ModelSpec {
  const dates = Array.from({ length: days }, (_, day) => addDays(FIRST_DATE, day));
  const nodes = LOCALITIES.flatMap((locality) => ROLE_ORDER.map((role) => nodeOf(role, locality, dates)));
  const edges = LOCALITIES.flatMap((locality) => edgesOf(locality));
  return { name: NETWORK_EXAMPLE_NAME, dates, nodes, edges };
}

function nodeOf(role: Role, locality: Locality, dates: string[]): NodeSpec {
  const spec = ROLES[role];
  const figures = FIGURES[locality];
  const hasPlaces = role !== 'Home' && role !== 'Died' && role !== 'AtHome';
  return {
    id: `${role}_${locality}`,
    pathway: spec.pathway,
    kind: spec.kind,
    locality,
    description: spec.description,
    arrivals: role === 'Acute' ? [{ name: 'BArr', description: 'emergency admissions aged 65+, more in winter and on Mondays', daily: admissions(figures.admissions, dates), profile: ADMISSIONS_BY_HOUR }] : [],
    capacity: hasPlaces ? capacityScenarios(role, locality) : [],
    los: spec.los ? [{ name: 'Blos', description: 'stays as today', ...spec.los }] : [],
    initial: {
      occupied: role in figures.occupied ? figures.occupied[role as keyof LocalityFigures['occupied']] : 0,
      waiting: role in figures.waiting ? figures.waiting[role as keyof LocalityFigures['waiting']] : 0,
    },
    costs: spec.costs,
    ...(spec.queueInternal !== undefined ? { queueInternal: spec.queueInternal } : {}),
  };
}

/** Every node with places has both capacity scenarios, so no node runs a baseline by default (with a warning). */
function capacityScenarios(role: Role, locality: Locality): CapacityScenario[] {
  const base = FIGURES[locality].capacity[role as keyof LocalityFigures['capacity']];
  const calendar = role === 'P2' ? { periods: [{ ...WINTER, capacity: base + WINTER_P2_BEDS[locality] }] } : undefined;
  const more = role === 'LTC' ? MORE_LTC_PLACES[locality] : 0;
  return [
    { name: 'BCap', description: 'today’s capacity, with winter P2 beds', capacity: base, ...(calendar ? { calendar } : {}) },
    { name: 'S1Cap', description: 'more long-term care places', capacity: base + more, ...(calendar ? { calendar } : {}) },
  ];
}

function edgesOf(locality: Locality): EdgeSpec[] {
  const edges: EdgeSpec[] = [];
  for (const [scenario, column] of [
    ['BRoute', 1],
    ['S1Route', 2],
  ] as const) {
    for (const from of ROLE_ORDER) {
      for (const route of ROUTES[from] ?? []) {
        edges.push({ from: `${from}_${locality}`, to: `${route[0]}_${locality}`, scenario, probability: route[column] });
      }
    }
  }
  return edges;
}

function admissions(mean: number, dates: string[]): number[] {
  return dates.map((date) => {
    const winter = date >= WINTER_ADMISSIONS.from && date <= WINTER_ADMISSIONS.to ? WINTER_ADMISSIONS.factor : 1;
    return round(mean * winter * WEEKDAY_FACTOR[new Date(`${date}T00:00:00Z`).getUTCDay()], 3);
  });
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** Writes examples/fictional-icb-network.json and the same model as a workbook with its network sheets, .xlsx. */
export async function writeNetworkExample(repoRoot: string): Promise<string[]> {
  const model = buildNetworkExampleModel();
  const base = path.join(repoRoot, 'examples', NETWORK_EXAMPLE_NAME);
  await mkdir(path.dirname(base), { recursive: true });
  await writeFile(`${base}.json`, modelFileText(model));
  await writeFile(`${base}.xlsx`, await writeIpacsWorkbook(model));
  return [`${base}.json`, `${base}.xlsx`];
}
