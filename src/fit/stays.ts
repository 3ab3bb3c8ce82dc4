/**
 * Stays as the length-of-stay fit takes them, from episodes: whole days from the start day to
 * the end day, or, for someone still in service at the snapshot, the days seen so far
 * (counting the snapshot day, which is taken at its end) and censored there.
 */
import { dayNumber } from './days.js';
import type { Episode } from './episode.js';
import type { Stay } from './stayLikelihood.js';

/** The stay of an episode that started; undefined for someone still waiting. */
export function stayOf(episode: Pick<Episode, 'started' | 'ended'>, snapshot: string): Stay | undefined {
  if (episode.started === undefined) return undefined;
  const started = dayNumber(episode.started);
  if (episode.ended !== undefined) return { days: dayNumber(episode.ended) - started, censored: false };
  return { days: dayNumber(snapshot) - started + 1, censored: true };
}

/** Every node's stays, nodes in the order they first appear. */
export function staysByNode(episodes: readonly Episode[], snapshot: string): Map<string, Stay[]> {
  const byNode = new Map<string, Stay[]>();
  for (const episode of episodes) {
    const stay = stayOf(episode, snapshot);
    if (!stay) continue;
    const stays = byNode.get(episode.node);
    if (stays) stays.push(stay);
    else byNode.set(episode.node, [stay]);
  }
  return byNode;
}
