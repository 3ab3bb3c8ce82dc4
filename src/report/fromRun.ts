/**
 * Report data straight from an in-memory run (the web app, and `pathflow run --report`),
 * through the same parsers as a run directory: summary.csv's text is what the directory
 * would hold, so a report made either way shows the same figures.
 */
import type { ModelSpec } from '../engine/model.js';
import { FLOWS_FILE, networkOutputFiles, SYSTEM_FILE } from '../csv/networkFiles.js';
import { networkNodesById, type NetworkRunResult } from '../csv/networkRun.js';
import { parseNetworkFiles } from './networkData.js';
import { summaryCsv } from '../csv/summary.js';
import { replicationsCsv } from '../csv/replications.js';
import { CHART_METRICS, parseReplications, parseSummary, type ChartMetric, type DailySeries, type ReportData, type RunManifest } from './runData.js';

// Quantile rows 0 and 8 are 2.5 % and 97.5 % (QUANTILE_LEVELS).
const LOW = 0;
const HIGH = 8;

export function reportDataFromRun(model: ModelSpec, result: NetworkRunResult, manifest: RunManifest): ReportData {
  const { ipacsSheetRows: _rows, ...plain } = model;
  const summary = parseSummary(summaryCsv(result, model));
  const daily = new Map<string, Record<ChartMetric, DailySeries>>();
  const networked = networkNodesById(result);
  for (const scenario of result.scenarios) {
    const record = {} as Record<ChartMetric, DailySeries>;
    const node = networked.get(scenario.key.id);
    for (const metric of CHART_METRICS) {
      // daily.csv gives a networked node's occ and niq from its network metrics (in service,
      // its own queues), and a report from the run directory charts those: so does this one.
      const d = node && (metric === 'occ' || metric === 'niq') ? node.daily[metric] : scenario.daily[metric];
      record[metric] = { mean: Float64Array.from(d.mean), low: Float64Array.from(d.quantiles[LOW]), high: Float64Array.from(d.quantiles[HIGH]) };
    }
    daily.set(scenario.key.id, record);
  }
  // Through the file's text, so the system view has the figures a run directory gives it.
  const replications = parseReplications(replicationsCsv(result), summary, result.replications);
  const networkFiles = new Map(networkOutputFiles(result.components, result.dates));
  const network = networkFiles.size > 0 ? parseNetworkFiles(networkFiles.get(FLOWS_FILE)!, networkFiles.get(SYSTEM_FILE)!) : undefined;
  return { manifest, model: plain, summary, daily, replications, ...(network ? { network } : {}) };
}
