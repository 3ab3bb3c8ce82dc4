/**
 * The files the "Real data" view offers for download. Anything drawn from patient-level
 * episodes withholds counts of 1 to 4 unless the planner turns suppression off; sitrep
 * figures are published aggregates already, so they are given as published.
 */
import { backtestCsv, backtestSummaryCsv, calibrationCsv } from '../../backtest/backtestFiles.js';
import type { BacktestResult } from '../../backtest/backtest.js';
import type { SeriesFit } from '../../backtest/bandComparison.js';
import { episodeObservedRows } from '../../fit/episodeObserved.js';
import type { EpisodeFit } from '../../fit/fitEpisodes.js';
import { formatFitCsv } from '../../fit/fitCsv.js';
import { isSmallCount } from '../../fit/smallCounts.js';
import { formatObservedCsv } from '../../observed/observedCsv.js';

export function episodeObservedCsv(fit: EpisodeFit, suppress: boolean): string {
  return formatObservedCsv(episodeObservedRows(fit.nodes.map((node) => node.series), suppress));
}

export function episodeFitCsv(fit: EpisodeFit, suppress: boolean): string {
  return formatFitCsv(fit, suppress);
}

/** Observed figures of 1 to 4 from episodes left empty, as observed.csv leaves them. */
function withheldFits(fits: readonly SeriesFit[]): SeriesFit[] {
  return fits.map((fit) => ({ ...fit, points: fit.points.map((point) => (isSmallCount(point.observed) ? { ...point, observed: NaN } : point)) }));
}

/** backtest.csv, backtest_summary.csv and (when calibrated) calibration.csv, as `pathflow backtest` writes them. */
export function backtestFiles(result: BacktestResult, fromEpisodes: boolean, suppress: boolean): Record<string, string> {
  const fits = fromEpisodes && suppress ? withheldFits(result.fits) : result.fits;
  const files: Record<string, string> = { 'backtest.csv': backtestCsv(fits), 'backtest_summary.csv': backtestSummaryCsv(result.fits) };
  if (result.calibrations.length > 0) files['calibration.csv'] = calibrationCsv(result.calibrations);
  return files;
}
