/**
 * A backtest as CSV: every compared point (backtest.csv), each series' figures
 * (backtest_summary.csv) and, when asked, calibration.csv. Names go through the same
 * formula guard as every CSV Pathflow writes.
 */
import { csvRow, formatNumber, neutraliseFormula } from '../csv/format.js';
import type { Calibration } from './backtest.js';
import type { SeriesFit } from './bandComparison.js';

export const BACKTEST_COLUMNS = ['series', 'date', 'grain', 'observed', 'sim_mean', 'sim_low95', 'sim_high95', 'inside'] as const;
export const SUMMARY_COLUMNS = ['series', 'points', 'skipped', 'coverage', 'bias', 'mae', 'rmse', 'skipped_suppressed', 'skipped_outside_horizon', 'skipped_missing'] as const;
export const CALIBRATION_COLUMNS = [
  'series',
  'parameter',
  'model_value',
  'estimate',
  'low95',
  'high95',
  'multiplier',
  'multiplier_low95',
  'multiplier_high95',
  'at_grid_edge',
  'fit_p_value',
  'basis',
] as const;

function text(lines: string[]): string {
  return lines.join('\n') + '\n';
}

export function backtestCsv(fits: readonly SeriesFit[]): string {
  const lines = [csvRow(BACKTEST_COLUMNS)];
  for (const fit of fits) {
    const series = neutraliseFormula(fit.name);
    for (const p of fit.points) {
      lines.push(csvRow([series, p.date, p.grain, formatNumber(p.observed), formatNumber(p.simMean), formatNumber(p.simLow), formatNumber(p.simHigh), p.inside ? '1' : '0']));
    }
  }
  return text(lines);
}

export function backtestSummaryCsv(fits: readonly SeriesFit[]): string {
  const lines = [csvRow(SUMMARY_COLUMNS)];
  for (const fit of fits) {
    const { suppressed, outsideHorizon, missing } = fit.skipped;
    const figures = [fit.coverage, fit.bias, fit.mae, fit.rmse].map(formatNumber);
    lines.push(csvRow([neutraliseFormula(fit.name), String(fit.points.length), String(suppressed + outsideHorizon + missing), ...figures, String(suppressed), String(outsideHorizon), String(missing)]));
  }
  return text(lines);
}

export function calibrationCsv(calibrations: readonly Calibration[]): string {
  const lines = [csvRow(CALIBRATION_COLUMNS)];
  for (const c of calibrations) {
    const values = [c.modelValue, c.value, c.valueLow, c.valueHigh, c.estimate, c.low, c.high].map(formatNumber);
    // Every row is an inference from delays, not a measured capacity or stay: `inferred` says so wherever the row is taken.
    lines.push(csvRow([neutraliseFormula(c.name), c.parameter, ...values, c.atEdge ? '1' : '0', formatNumber(c.fitPValue), 'inferred']));
  }
  return text(lines);
}
