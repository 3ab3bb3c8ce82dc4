/**
 * The synthetic national model: every ICB of a fictional England planned at once, for
 * measuring Pathflow at scale (issue 16). 40 ICBs, each with three localities and P1, P2 and
 * P3 in each: 360 isolated nodes, 8 scenarios each (2,880 scenarios).
 *
 * Each locality is one of the bundled example's localities (example-model.ts: Riverside,
 * Downs, Castleton, some 50,000 people aged 65 and over each) scaled to a plausible size:
 * England's 42 ICBs serve 0.5 to 3 million people, 1.4 million on average, so an ICB is
 * drawn at 0.4 to 2.2 times the example's (lognormal, median 1) and each of its localities
 * within 25 % of that. Referrals, capacity and the patients present on the first day scale
 * with it; stays, costs and the scenarios are the example's. The draws are seeded, so the
 * same arguments give the same model, and the workbook the same bytes.
 */
import type { ModelSpec, NodeSpec } from '../src/engine/model.js';
import { buildExampleModel } from './example-model.js';

export const NATIONAL_NAME = 'synthetic-national';
export const NATIONAL_ICBS = 40;
export const NATIONAL_SEED = 16;

export interface NationalOptions {
  /** ICBs (3 localities x 3 pathways each); 40 by default. */
  icbs?: number;
  /** Days simulated, from the example's first; the example's 182 by default. */
  days?: number;
  seed?: number;
}

/** ICB size relative to the example's: lognormal, median 1, kept within 0.4 to 2.2. */
const ICB_SPREAD = 0.45;
const ICB_RANGE = [0.4, 2.2] as const;
const LOCALITY_RANGE = [0.75, 1.25] as const;

export function buildNationalModel(options: NationalOptions = {}): ModelSpec {
  const icbs = options.icbs ?? NATIONAL_ICBS;
  const example = buildExampleModel();
  const days = Math.min(options.days ?? example.dates.length, example.dates.length);
  const random = seededUniform(options.seed ?? NATIONAL_SEED);
  const nodes: NodeSpec[] = [];
  const localities = [...new Set(example.nodes.map((node) => node.locality as string))];
  for (let icb = 1; icb <= icbs; icb++) {
    const code = `I${String(icb).padStart(2, '0')}`;
    const icbScale = clamp(Math.exp(ICB_SPREAD * normal(random)), ICB_RANGE);
    const localityScale = new Map(localities.map((locality) => [locality, icbScale * between(random(), LOCALITY_RANGE)]));
    for (const node of example.nodes) nodes.push(scaledNode(node, code, localityScale.get(node.locality as string)!, days));
  }
  return { name: NATIONAL_NAME, dates: example.dates.slice(0, days), nodes };
}

/** The example's node for the locality `<code>_<locality>`, its volumes times `scale`. */
function scaledNode(node: NodeSpec, code: string, scale: number, days: number): NodeSpec {
  const locality = `${code}_${node.locality}`;
  return {
    ...node,
    id: `${node.pathway}_${locality}`,
    locality,
    arrivals: node.arrivals.map((arrival) => ({ ...arrival, daily: arrival.daily.slice(0, days).map((rate) => round(rate * scale, 3)) })),
    capacity: node.capacity.map((capacity) => ({ ...capacity, capacity: Math.max(1, Math.round((capacity.capacity as number) * scale)) })),
    initial: {
      occupied: Math.round(node.initial.occupied * scale),
      waiting: Math.round(node.initial.waiting * scale),
    },
  };
}

/** mulberry32: a small seeded generator is all a fixture's sizes need, and its output never changes. */
function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Box-Muller: one standard normal draw. */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function between(u: number, [low, high]: readonly [number, number]): number {
  return low + (high - low) * u;
}

function clamp(x: number, [low, high]: readonly [number, number]): number {
  return Math.min(high, Math.max(low, x));
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
