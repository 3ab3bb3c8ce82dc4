/**
 * Each node's daily counts from episodes: referrals on the day, people waiting (referred on or
 * before the day and not yet started: a delayed discharge) and people in service (started on
 * or before the day and not yet ended). A stay that ends on a day no longer counts that day,
 * as a bed freed in the morning is free for the day.
 */
import { dayNumber } from './days.js';
import type { Episode } from './episode.js';

/** What the counts need of an episode. */
export type EpisodeDates = Pick<Episode, 'node' | 'locality' | 'pathway' | 'referred' | 'started' | 'ended'>;

export interface NodeSeries {
  node: string;
  locality: string;
  pathway: string;
  /** Day number of index 0. */
  firstDay: number;
  referrals: number[];
  waiting: number[];
  inService: number[];
}

/** Nodes in order of pathway then locality, the order IPACS's sample lists them in. */
export function nodeSeries(episodes: readonly EpisodeDates[], firstDay: number, lastDay: number): NodeSeries[] {
  const length = lastDay - firstDay + 1;
  const byNode = new Map<string, NodeSeries & { waitingSteps: number[]; serviceSteps: number[] }>();
  for (const episode of episodes) {
    let series = byNode.get(episode.node);
    if (!series) {
      const zeros = () => new Array<number>(length + 1).fill(0);
      series = { node: episode.node, locality: episode.locality, pathway: episode.pathway, firstDay, referrals: zeros(), waiting: [], inService: [], waitingSteps: zeros(), serviceSteps: zeros() };
      byNode.set(episode.node, series);
    }
    const referred = dayNumber(episode.referred);
    const started = episode.started === undefined ? Infinity : dayNumber(episode.started);
    const ended = episode.ended === undefined ? Infinity : dayNumber(episode.ended);
    if (referred >= firstDay && referred <= lastDay) series.referrals[referred - firstDay] += 1;
    addInterval(series.waitingSteps, referred - firstDay, started - firstDay);
    addInterval(series.serviceSteps, started - firstDay, ended - firstDay);
  }
  return [...byNode.values()]
    .sort((a, b) => a.pathway.localeCompare(b.pathway) || a.locality.localeCompare(b.locality) || a.node.localeCompare(b.node))
    .map(({ waitingSteps, serviceSteps, referrals, ...series }) => ({
      ...series,
      referrals: referrals.slice(0, length),
      waiting: runningSum(waitingSteps, length),
      inService: runningSum(serviceSteps, length),
    }));
}

/** +1 on days [from, to) clipped to the series. */
function addInterval(steps: number[], from: number, to: number): void {
  const start = Math.max(0, from);
  const end = Math.min(steps.length - 1, to);
  if (!(start < end)) return;
  steps[start] += 1;
  steps[end] -= 1;
}

function runningSum(steps: readonly number[], length: number): number[] {
  const out: number[] = [];
  let level = 0;
  for (let i = 0; i < length; i++) out.push((level += steps[i]));
  return out;
}
