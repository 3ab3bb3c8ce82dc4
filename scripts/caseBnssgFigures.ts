/**
 * Every figure of the BNSSG 2023 case study (docs/case-bnssg-2023.md), computed from the
 * public data in ../shared with the application's own functions: the IPACS sample workbook
 * read as `pathflow run` reads it, the acute sitreps imported as `pathflow import sitrep`
 * imports them, and the backtest and calibration as `pathflow backtest` runs them (in this
 * thread, so the figures are the CLI's with the same seed and replications).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBacktest, type BacktestResult, type Calibration } from '../src/backtest/backtest.js';
import { matchSeries, type BacktestSeries } from '../src/backtest/backtestSeries.js';
import { simulateJob, type BacktestJob } from '../src/backtest/backtestJobs.js';
import type { CalibratedParameter } from '../src/backtest/simulatedDelays.js';
import { fitLos } from '../src/engine/lengthOfStay.js';
import type { ModelSpec, Pathway } from '../src/engine/model.js';
import type { Compatibility } from '../src/engine/replications.js';
import { wholeDayLos } from '../src/engine/visitNode.js';
import type { ObservedRow } from '../src/observed/observedSeries.js';
import { isServiceReferral } from '../src/sitrep/pathwayMaps.js';
import { readSitrepFile, type SitrepFile } from '../src/sitrep/sitrepFile.js';
import { sitrepObserved } from '../src/sitrep/sitrepObserved.js';
import { readIpacsWorkbook } from '../src/workbook/read.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(repoRoot, '../shared/data');
export const WORKBOOK = path.join(SHARED, 'ipacs/IPACS_params.xlsx');
export const SITREP_DIR = path.join(SHARED, 'nhse-sitrep/acute');
export const SITREP_FILES = ['january2023', 'february2023', 'march2023', 'april2023', 'may2023', 'june2023'].map((month) => `${month}.xlsx`);
export const HAVE_CASE_DATA = existsSync(WORKBOOK) && SITREP_FILES.every((file) => existsSync(path.join(SITREP_DIR, file)));
export const MISSING_CASE_DATA = `the case study needs ../shared/data/ipacs/IPACS_params.xlsx and the acute sitreps for January to June 2023 in ../shared/data/nhse-sitrep/acute/, which are not part of the repository`;

export const ICB = 'QUY';
/**
 * BNSSG's acute trusts (North Bristol; University Hospitals Bristol and Weston). The sitrep
 * does not say which trusts an ICB's row adds up, so the study checks that these two add up
 * to QUY's row on every day before it relies on them.
 */
export const ICB_TRUSTS = ['RVJ', 'RA7'];
export const PATHWAYS: Pathway[] = ['P1', 'P2', 'P3'];
export const REPLICATIONS = 100;
export const SEED = 1;
/** The CLI's grid stops at ×1.5; the sample's beds need more than that, so the study searches wider, in coarser steps at the same cost. */
export const GRIDS: Record<CalibratedParameter, number[]> = {
  capacity: Array.from({ length: 41 }, (_, i) => Math.round((0.5 + i * 0.05) * 1000) / 1000),
  los: Array.from({ length: 36 }, (_, i) => Math.round((0.25 + i * 0.05) * 1000) / 1000),
};
export const MODES: Compatibility[] = ['none', 'ipacs-v1'];

export interface MonthReferrals {
  month: string;
  pathway: Pathway;
  /** The workbook's mean referrals summed over the month's days and the pathway's localities, per arrival scenario. */
  workbook: Record<string, number>;
  /** Discharges to a D2A service of the pathway (Table 4, as the sitrep importer counts arrivals). */
  observed: number;
}

export interface SitrepLimits {
  /** Existing care-home residents going back (P3b), per month: in Table 4's P3 but not new placements. */
  p3b: number[];
  /** Months whose P2 hospice figure QUY's row withholds. */
  hospiceWithheld: number;
  /** P2 discharges per trust and destination over the six months. */
  p2ByTrust: { trust: string; destination: string; value: number }[];
  /** Days on which some trust in England did not submit (Table 1). */
  englandNonSubmittingDays: number;
  /** Days on which the named trusts' figures do not add up to QUY's, or one of them has none. */
  trustGapDays: string[];
}

export interface ModeFigures {
  compat: Compatibility;
  backtest: BacktestResult;
  /** Per calibrated parameter; in compatibility mode only P1, the one pathway it changes. */
  calibrations: Record<CalibratedParameter, Calibration[]>;
}

export interface P1Stay {
  node: string;
  inputMean: number;
  /** The mean whole-day stay IPACS v1 actually samples for that input (exact, no simulation). */
  ipacsSampledMean: number;
  referrals: number;
}

/**
 * The workbook with its referrals replaced by the sitrep's (each node's baseline arrivals
 * scaled, month by month, so its pathway's total is the sitrep's count and its locality and
 * day-to-day pattern are the workbook's), backtested in both modes and its capacity calibrated:
 * the first step a planner takes with a model that refers too many.
 */
export interface ReferralsFixed {
  model: ModelSpec;
  modes: { compat: Compatibility; backtest: BacktestResult }[];
  capacity: Calibration[];
}

export interface CaseFigures {
  model: ModelSpec;
  files: SitrepFile[];
  referrals: MonthReferrals[];
  limits: SitrepLimits;
  observedDelayed: ObservedRow[];
  series: BacktestSeries[];
  modes: ModeFigures[];
  p1Stays: P1Stay[];
  referralsFixed: ReferralsFixed;
}

async function loadWorkbook(): Promise<ModelSpec> {
  const read = await readIpacsWorkbook(readFileSync(WORKBOOK), { fileName: path.basename(WORKBOOK) });
  if (!read.ok) throw new Error(`${WORKBOOK}: ${read.errors.map((e) => e.message).join('; ')}`);
  return read.model;
}

function monthsOf(model: ModelSpec): string[] {
  return [...new Set(model.dates.map((date) => `${date.slice(0, 7)}-01`))];
}

function referralTable(model: ModelSpec, rows: readonly ObservedRow[]): MonthReferrals[] {
  return PATHWAYS.flatMap((pathway) =>
    monthsOf(model).map((month) => {
      const workbook: Record<string, number> = {};
      for (const node of model.nodes.filter((n) => n.pathway === pathway)) {
        for (const scenario of node.arrivals) {
          const total = scenario.daily.reduce((sum, value, d) => sum + (model.dates[d].slice(0, 7) === month.slice(0, 7) ? value : 0), 0);
          workbook[scenario.name] = (workbook[scenario.name] ?? 0) + total;
        }
      }
      const observed = rows
        .filter((row) => row.org === ICB && row.measure === 'discharges' && row.date === month && row.pathway === pathway && isServiceReferral(row.detail) && Number.isFinite(row.value))
        .reduce((sum, row) => sum + row.value, 0);
      return { month, pathway, workbook, observed };
    }),
  );
}

function dailyRemaining(rows: readonly ObservedRow[], org: string): Map<string, number> {
  return new Map(rows.filter((row) => row.org === org && row.grain === 'day' && row.measure === 'remaining').map((row) => [row.date, row.value]));
}

function sitrepLimits(model: ModelSpec, files: readonly SitrepFile[], rows: readonly ObservedRow[]): SitrepLimits {
  const icbDischarges = rows.filter((row) => row.org === ICB && row.measure === 'discharges');
  const p3b = monthsOf(model).map((month) => icbDischarges.filter((row) => row.date === month && /^P\s*3b/i.test(row.detail)).reduce((sum, row) => sum + row.value, 0));
  const hospiceWithheld = icbDischarges.filter((row) => row.pathway === 'P2' && /hospice/i.test(row.detail) && !Number.isFinite(row.value)).length;
  const p2ByTrust = ICB_TRUSTS.flatMap((trust) => {
    const byDestination = new Map<string, number>();
    for (const row of rows.filter((r) => r.org === trust && r.measure === 'discharges' && r.pathway === 'P2' && Number.isFinite(r.value))) {
      byDestination.set(row.detail, (byDestination.get(row.detail) ?? 0) + row.value);
    }
    return [...byDestination].map(([destination, value]) => ({ trust, destination, value }));
  });
  const nonSubmitting = new Set(files.flatMap((file) => file.nonSubmitters.filter((day) => day.count > 0 || day.note !== undefined).map((day) => day.date)));
  const icb = dailyRemaining(rows, ICB);
  const trusts = ICB_TRUSTS.map((trust) => dailyRemaining(rows, trust));
  const trustGapDays = [...icb].filter(([date, value]) => !(Math.abs(trusts.reduce((sum, t) => sum + (t.get(date) ?? NaN), 0) - value) < 1e-9)).map(([date]) => date);
  return { p3b, hospiceWithheld, p2ByTrust, englandNonSubmittingDays: nonSubmitting.size, trustGapDays };
}

/** In this thread, one job after another: the same paths as the CLI's worker threads give. */
async function runJobs(jobs: readonly BacktestJob[]): Promise<Float64Array[]> {
  return jobs.map(simulateJob);
}

async function modeFigures(model: ModelSpec, series: BacktestSeries[], compat: Compatibility): Promise<ModeFigures> {
  const options = { replications: REPLICATIONS, seed: SEED, compat };
  const backtest = await runBacktest(model, series, options, runJobs);
  // Compatibility changes P1 sampling only: the bed pathways' calibration is the default mode's.
  const calibrated = compat === 'none' ? series : series.filter((s) => s.nodes.every((i) => model.nodes[i].pathway === 'P1'));
  const calibrations = {} as Record<CalibratedParameter, Calibration[]>;
  for (const parameter of ['capacity', 'los'] as const) {
    calibrations[parameter] = (await runBacktest(model, calibrated, { ...options, calibrate: parameter, multipliers: GRIDS[parameter] }, runJobs)).calibrations;
  }
  return { compat, backtest, calibrations };
}

function withSitrepReferrals(model: ModelSpec, referrals: readonly MonthReferrals[]): ModelSpec {
  const factor = new Map(referrals.map((r) => [`${r.pathway} ${r.month.slice(0, 7)}`, r.observed / r.workbook[model.nodes[0].arrivals[0].name]]));
  const nodes = model.nodes.map((node) => {
    const [baseline, ...others] = node.arrivals;
    const daily = baseline.daily.map((value, d) => value * (factor.get(`${node.pathway} ${model.dates[d].slice(0, 7)}`) ?? 1));
    return { ...node, arrivals: [{ ...baseline, description: "the workbook's, scaled to the sitrep's referrals per pathway and month", daily }, ...others] };
  });
  return { ...model, nodes };
}

async function referralsFixed(model: ModelSpec, referrals: readonly MonthReferrals[], series: BacktestSeries[]): Promise<ReferralsFixed> {
  const fixed = withSitrepReferrals(model, referrals);
  const modes = [];
  for (const compat of MODES) modes.push({ compat, backtest: await runBacktest(fixed, series, { replications: REPLICATIONS, seed: SEED, compat }, runJobs) });
  const options = { replications: REPLICATIONS, seed: SEED, calibrate: 'capacity' as const, multipliers: GRIDS.capacity };
  return { model: fixed, modes, capacity: (await runBacktest(fixed, series, options, runJobs)).calibrations };
}

function p1Stays(model: ModelSpec): P1Stay[] {
  return model.nodes
    .filter((node) => node.pathway === 'P1')
    .map((node) => {
      const los = node.los[0];
      return {
        node: node.id,
        inputMean: los.mean,
        ipacsSampledMean: wholeDayLos(fitLos(los), 'ipacs-v1', { mean: los.mean, sd: los.sd }).mean(),
        referrals: node.arrivals[0].daily.reduce((sum, value) => sum + value, 0),
      };
    });
}

export async function caseFigures(log: (message: string) => void = () => {}): Promise<CaseFigures> {
  const model = await loadWorkbook();
  const files = SITREP_FILES.map((file) => readSitrepFile(new Uint8Array(readFileSync(path.join(SITREP_DIR, file))), file));
  const rows = sitrepObserved(files, [ICB, ...ICB_TRUSTS]);
  log('read the workbook and the sitreps');
  const observedDelayed = rows.filter((row) => row.org === ICB && row.measure === 'delayed');
  const matched = matchSeries(model, observedDelayed, { file: 'observed.csv', lines: observedDelayed.map((_, i) => i + 2) });
  if (!matched.ok) throw new Error(matched.problems.join('\n'));
  const modes: ModeFigures[] = [];
  for (const compat of MODES) {
    modes.push(await modeFigures(model, matched.series, compat));
    log(`backtest and calibration, compat ${compat}`);
  }
  const referrals = referralTable(model, rows);
  const fixed = await referralsFixed(model, referrals, matched.series);
  log("the sitrep's referrals in the workbook");
  return { model, files, referrals, limits: sitrepLimits(model, files, rows), observedDelayed, series: matched.series, modes, p1Stays: p1Stays(model), referralsFixed: fixed };
}
