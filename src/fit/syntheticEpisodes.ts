/**
 * Episodes simulated from a known truth, for testing the fits and for the bundled example:
 * referrals a Poisson process (a day-of-week pattern and a yearly cycle on a base rate), a
 * first-come first-served wait for one of `capacity` places, a stay drawn from the stated
 * family, and everything cut at the end of the snapshot day, so that some people are still
 * waiting and some still in service (censoring). Dates are whole days, as extracts keep them.
 *
 * The service starts empty on the first day. Streams, arrivals and stays are the engine's,
 * so a seed gives the same episodes on every machine.
 */
import { dayIndexOf, generateArrivalTimes, ArrivalTimes } from '../engine/arrivals.js';
import { fitLos, losQuantile } from '../engine/lengthOfStay.js';
import { createStream, hashString, StreamPurpose, uniform } from '../engine/random.js';
import { csvRow, neutraliseFormula } from '../csv/format.js';
import { dateOfDay, dayNumber, weekdayIndex } from './days.js';
import { EPISODE_COLUMNS, episodeNode, type Episode, type EpisodePathway } from './episode.js';
import type { FittedFamily } from './losFamilies.js';

export interface NodeTruth {
  locality: string;
  pathway: EpisodePathway;
  /** Mean referrals a day before the patterns. */
  referralsPerDay: number;
  /** Multipliers Monday to Sunday (default all 1); their mean should be 1 for referralsPerDay to stay the mean. */
  dayOfWeek?: readonly number[];
  /** Relative amplitude of a yearly cycle peaking on 15 January (default 0): 0.2 is 20 % more in January, 20 % fewer in July. */
  seasonality?: number;
  /** Places: people in service at once. */
  capacity: number;
  los: { family: FittedFamily; mean: number; sd: number };
}

export interface EpisodesTruth {
  /** First day of referrals, yyyy-mm-dd. */
  start: string;
  /** The extract date: its end is when the episodes are cut. */
  snapshot: string;
  nodes: readonly NodeTruth[];
}

/** Day of the year (from 0) when the yearly cycle peaks: mid-January, winter pressures. */
const SEASON_PEAK = 14;
const YEAR_DAYS = 365.25;

/** The truth's daily referral rates, first day to snapshot day. */
export function referralRates(truth: Pick<EpisodesTruth, 'start' | 'snapshot'>, node: NodeTruth): number[] {
  const first = dayNumber(truth.start);
  const days = dayNumber(truth.snapshot) - first + 1;
  return Array.from({ length: days }, (_, index) => {
    const day = first + index;
    const yearStart = dayNumber(`${dateOfDay(day).slice(0, 4)}-01-01`);
    const season = 1 + (node.seasonality ?? 0) * Math.cos((2 * Math.PI * (day - yearStart - SEASON_PEAK)) / YEAR_DAYS);
    return node.referralsPerDay * (node.dayOfWeek?.[weekdayIndex(day)] ?? 1) * season;
  });
}

/** The episodes, ordered by referral day then node (truth order) then time; ids E000001 on. */
export function simulateEpisodes(truth: EpisodesTruth, seed: number): Episode[] {
  const timed = truth.nodes.flatMap((node, nodeIndex) => simulateNode(truth, node, seed).map((episode) => ({ ...episode, nodeIndex })));
  timed.sort((a, b) => a.referredDay - b.referredDay || a.nodeIndex - b.nodeIndex || a.time - b.time);
  const first = dayNumber(truth.start);
  return timed.map((episode, index) => {
    const node = truth.nodes[episode.nodeIndex];
    const result: Episode = {
      personId: `E${String(index + 1).padStart(6, '0')}`,
      locality: node.locality,
      pathway: node.pathway,
      node: episodeNode(node.pathway, node.locality),
      referred: dateOfDay(first + episode.referredDay),
      outcome: episode.endedDay === undefined ? '' : 'completed',
      row: index + 2,
    };
    if (episode.startedDay !== undefined) result.started = dateOfDay(first + episode.startedDay);
    if (episode.endedDay !== undefined) result.ended = dateOfDay(first + episode.endedDay);
    return result;
  });
}

/** The episodes in the format of docs/episodes.md. */
export function formatEpisodesCsv(episodes: readonly Episode[]): string {
  const lines = [csvRow(EPISODE_COLUMNS)];
  for (const e of episodes) {
    lines.push(csvRow([e.personId, e.locality, e.pathway, e.referred, e.started ?? '', e.ended ?? '', e.outcome].map(neutraliseFormula)));
  }
  return lines.join('\n') + '\n';
}

export function generateEpisodes(truth: EpisodesTruth, seed: number): string {
  return formatEpisodesCsv(simulateEpisodes(truth, seed));
}

interface SimulatedEpisode {
  time: number;
  referredDay: number;
  startedDay?: number;
  endedDay?: number;
}

/** One node: times count days from the first, day d being (d, d + 1] as the engine has it. */
function simulateNode(truth: EpisodesTruth, node: NodeTruth, seed: number): SimulatedEpisode[] {
  if (!(Number.isInteger(node.capacity) && node.capacity >= 1)) throw new RangeError(`capacity must be a whole number of places, at least 1, not ${node.capacity}`);
  const rates = referralRates(truth, node);
  const end = rates.length;
  const key = hashString(episodeNode(node.pathway, node.locality));
  const arrivals = new ArrivalTimes();
  generateArrivalTimes(rates, createStream(seed, key, 0, StreamPurpose.Arrivals), arrivals);
  const stays = createStream(seed, key, 0, StreamPurpose.LengthOfStay);
  const distribution = fitLos({ family: node.los.family, mean: node.los.mean, sd: node.los.sd });
  // When each place is next free; first come, first served means each referral, in order, takes the place free soonest.
  const freeAt = new Array<number>(node.capacity).fill(0);
  const episodes: SimulatedEpisode[] = [];
  for (let i = 0; i < arrivals.count; i++) {
    const time = arrivals.times[i];
    const stay = losQuantile(distribution, uniform(stays));
    let place = 0;
    for (let p = 1; p < freeAt.length; p++) if (freeAt[p] < freeAt[place]) place = p;
    const start = Math.max(time, freeAt[place]);
    freeAt[place] = start + stay;
    const episode: SimulatedEpisode = { time, referredDay: Math.min(end - 1, dayIndexOf(time)) };
    if (start <= end) {
      episode.startedDay = dayIndexOf(start);
      if (start + stay <= end) episode.endedDay = dayIndexOf(start + stay);
    }
    episodes.push(episode);
  }
  return episodes;
}
