/**
 * Everything `pathflow fit` learns from an episode extract, node by node: the daily series,
 * the referral model and its forecast, the initial state at the snapshot and the length of
 * stay. Pure: the command line and the web app both call it with the file's episodes.
 */
import { dayNumber } from './days.js';
import type { Episode } from './episode.js';
import { initialStateOf, type NodeInitialState } from './initialState.js';
import { fitNodeStays, type NodeStays } from './nodeStays.js';
import { nodeSeries, type NodeSeries } from './nodeSeries.js';
import { forecastReferrals, type ReferralForecast } from './referralForecast.js';
import { fitReferralModel, type ReferralModel } from './referralModel.js';

export const DEFAULT_FORECAST_DAYS = 181;

export interface FitOptions {
  /** ISO date: the state is taken at the end of it; the extract's last date when absent. */
  snapshot: string;
  /** First day of the planning horizon; default the day after the snapshot. */
  start?: string;
  days?: number;
  seed: number;
}

export interface NodeFit {
  series: NodeSeries;
  referrals: ReferralModel;
  forecast: ReferralForecast;
  initial: NodeInitialState;
  stays: NodeStays;
}

export interface EpisodeFit {
  snapshot: string;
  /** First day counted: the earliest referral in the extract. */
  firstDay: number;
  horizonStart: number;
  horizonDays: number;
  episodes: number;
  nodes: NodeFit[];
}

export function fitEpisodes(episodes: readonly Episode[], options: FitOptions): EpisodeFit {
  const lastDay = dayNumber(options.snapshot);
  const firstDay = Math.min(...episodes.map((episode) => dayNumber(episode.referred)));
  const horizonStart = options.start === undefined ? lastDay + 1 : dayNumber(options.start);
  const horizonDays = options.days ?? DEFAULT_FORECAST_DAYS;
  const nodes = nodeSeries(episodes, firstDay, lastDay).map((series): NodeFit => {
    const referrals = fitReferralModel(series.referrals, firstDay);
    return {
      series,
      referrals,
      forecast: forecastReferrals(referrals, horizonStart, horizonDays, options.seed, series.node),
      initial: initialStateOf(series),
      stays: fitNodeStays(
        series.node,
        episodes.filter((episode) => episode.node === series.node),
        episodes.filter((episode) => episode.pathway === series.pathway),
        options.snapshot,
      ),
    };
  });
  return { snapshot: options.snapshot, firstDay, horizonStart, horizonDays, episodes: episodes.length, nodes };
}
