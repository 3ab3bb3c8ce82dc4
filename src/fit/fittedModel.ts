/**
 * The fitted model as a Pathflow model (and so an IPACS workbook), one node per pathway and
 * locality:
 * - arrivals: `BArr`, the forecast's expected referrals each day; `S1Arr`, the upper 95 %
 *   limit of that expectation (referrals as high as the data allow; the simulation adds the
 *   day-to-day noise itself);
 * - capacity: `BCap`, inferred from the recent peak in service (flagged in the notes);
 * - length of stay: `Blos`, the chosen family with its fitted mean and sd;
 * - initial state at the snapshot. With suppression on, a count of 1 to 4 (in service,
 *   waiting, capacity) is written as 3, so the workbook runs and does not reveal which;
 * - costs: 0, for the planner to enter: episodes say nothing of prices; P1's visit rates,
 *   which episodes do not record either, are IPACS's defaults, written out.
 */
import { DEFAULT_FINAL_VISIT_RATE, DEFAULT_INITIAL_VISIT_RATE, kindOf, type ModelSpec, type NodeSpec } from '../engine/model.js';
import { MODEL_SCHEMA_VERSION } from '../engine/modelSchema.js';
import { dateOfDay } from './days.js';
import { isoRange } from './calendarDays.js';
import type { EpisodeFit, NodeFit } from './fitEpisodes.js';
import { losScenarioOf } from './losScenario.js';
import { isSmallCount } from './smallCounts.js';

/** What a withheld small count becomes in the workbook: 2.5, the middle of 1–4, rounded up. */
export const SMALL_COUNT_STAND_IN = 3;

export function fittedModel(fit: EpisodeFit, name: string, suppress: boolean): ModelSpec {
  const count = (value: number) => (suppress && isSmallCount(value) ? SMALL_COUNT_STAND_IN : value);
  return {
    schemaVersion: MODEL_SCHEMA_VERSION,
    name,
    dates: isoRange(dateOfDay(fit.horizonStart), fit.horizonDays),
    nodes: fit.nodes.map((node) => fittedNode(node, count)),
  };
}

function fittedNode(node: NodeFit, count: (value: number) => number): NodeSpec {
  const { series, forecast, initial, stays } = node;
  const los = losScenarioOf(stays.fit);
  const visits = kindOf({ pathway: series.pathway }) === 'visit' ? { initialVisitRate: DEFAULT_INITIAL_VISIT_RATE, finalVisitRate: DEFAULT_FINAL_VISIT_RATE } : {};
  return {
    id: series.node,
    pathway: series.pathway,
    locality: series.locality,
    arrivals: [
      { name: 'BArr', description: 'referrals forecast from episodes: expected per day', daily: forecast.mean.map(round4) },
      { name: 'S1Arr', description: 'referrals forecast from episodes: upper 95 % limit of the expected number per day', daily: forecast.rateHigh.map(round4) },
    ],
    capacity: [{ name: 'BCap', description: 'inferred from episodes: most people in service on one day of the last weeks', capacity: count(initial.capacity.value) }],
    los: [
      {
        ...los,
        description: stays.borrowedFrom ? `fitted to every ${stays.borrowedFrom} stay: too few completed stays here` : 'fitted to episodes',
        mean: round4(los.mean),
        sd: round4(los.sd!),
        ...visits,
      },
    ],
    initial: { occupied: count(initial.inService), waiting: count(initial.waiting) },
    costs: { community: 0, acuteDelay: 0 },
  };
}

/** Four decimals: finer than any planner reads, and the same text on every platform. */
function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
