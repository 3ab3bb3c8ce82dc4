/**
 * A node's length of stay from its episodes. A node with too few completed stays for a
 * distribution of its own (a small locality, a new service) borrows the fit of its pathway's
 * stays in every locality, and says so; when even those are too few the fit is refused.
 */
import type { Episode } from './episode.js';
import { fitLengthOfStay, LosDataError, MIN_COMPLETED_STAYS, type LosFit } from './fitLengthOfStay.js';
import type { Stay } from './stayLikelihood.js';
import { stayOf } from './stays.js';

export interface NodeStays {
  stays: Stay[];
  fit: LosFit;
  /** Set when the fit is the pathway's over every locality: the pathway. */
  borrowedFrom?: string;
}

export class FitDataError extends Error {}

function staysOf(episodes: readonly Episode[], snapshot: string): Stay[] {
  return episodes.flatMap((episode) => stayOf(episode, snapshot) ?? []);
}

export function fitNodeStays(node: string, nodeEpisodes: readonly Episode[], pathwayEpisodes: readonly Episode[], snapshot: string): NodeStays {
  const stays = staysOf(nodeEpisodes, snapshot);
  try {
    return { stays, fit: fitLengthOfStay(stays) };
  } catch (error) {
    if (!(error instanceof LosDataError)) throw error;
  }
  const pathway = pathwayEpisodes[0].pathway;
  const pooled = staysOf(pathwayEpisodes, snapshot);
  try {
    return { stays, fit: fitLengthOfStay(pooled), borrowedFrom: pathway };
  } catch (error) {
    if (!(error instanceof LosDataError)) throw error;
    throw new FitDataError(
      `${node}: its pathway ${pathway} has ${pooled.filter((stay) => !stay.censored).length} completed stays in all localities together; a length of stay needs at least ${MIN_COMPLETED_STAYS}`,
    );
  }
}
