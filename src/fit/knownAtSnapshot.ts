/**
 * An extract as it stood at the end of a snapshot date. What happened later (referrals after
 * it, starts and ends after it) is held out, so a model fitted on the rest can be backtested
 * against what followed: fit before, compare after, as a planner's model would have been used.
 */
import type { Episode } from './episode.js';
import { nodeSeries, type NodeSeries } from './nodeSeries.js';
import { dayNumber } from './days.js';

export function knownAtSnapshot(episodes: readonly Episode[], snapshot: string): Episode[] {
  const known: Episode[] = [];
  for (const episode of episodes) {
    if (episode.referred > snapshot) continue;
    const { started, ended, ...rest } = episode;
    const startedBy = started !== undefined && started <= snapshot ? started : undefined;
    const endedBy = startedBy !== undefined && ended !== undefined && ended <= snapshot ? ended : undefined;
    known.push({
      ...rest,
      ...(startedBy === undefined ? {} : { started: startedBy }),
      ...(endedBy === undefined ? {} : { ended: endedBy }),
      // An outcome is only known once the episode has ended.
      outcome: endedBy === undefined ? '' : episode.outcome,
    });
  }
  return known;
}

/**
 * Each node's daily series over the whole extract, held-out days included: what observed.csv
 * records. It starts on the fit's first day: holding out later events leaves the first referral.
 */
export function wholeExtractSeries(episodes: readonly Episode[], firstDay: number, lastDate: string): NodeSeries[] {
  return nodeSeries(episodes, firstDay, dayNumber(lastDate));
}
