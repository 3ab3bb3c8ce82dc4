/**
 * One person's stay on a discharge-to-assess pathway, as an episode extract records it
 * (docs/episodes.md): referred (medically fit), started, ended, each to the day. A missing
 * start means still waiting at the extract date; a missing end, still in service.
 */

export type EpisodePathway = 'P1' | 'P2' | 'P3';
export const EPISODE_PATHWAYS: readonly EpisodePathway[] = ['P1', 'P2', 'P3'];

/** The columns of the format, in the order Pathflow writes them. */
export const EPISODE_COLUMNS = ['person_id', 'locality', 'pathway', 'referred', 'started', 'ended', 'outcome'] as const;
export type EpisodeColumn = (typeof EPISODE_COLUMNS)[number];
/** A file without one of these columns is refused; `outcome` may be left out. */
export const REQUIRED_EPISODE_COLUMNS: readonly EpisodeColumn[] = ['person_id', 'locality', 'pathway', 'referred', 'started', 'ended'];

export interface Episode {
  personId: string;
  locality: string;
  pathway: EpisodePathway;
  /** The model node the episode belongs to: `${pathway}_${locality}`, IPACS's naming. */
  node: string;
  /** ISO dates (yyyy-mm-dd). */
  referred: string;
  started?: string;
  ended?: string;
  outcome: string;
  /** The row of the file (the header is row 1), for messages about the episode later on. */
  row: number;
}

/** IPACS names a node by its pathway and locality. */
export function episodeNode(pathway: EpisodePathway, locality: string): string {
  return `${pathway}_${locality}`;
}
