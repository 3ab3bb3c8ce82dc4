/**
 * Worker-thread entry: simulates and summarises one scenario, and packs the summary into
 * one array (cloning eighty small arrays per scenario cost more than the copy of one).
 */
import { simulateScenario, type ScenarioTask } from '../engine/replications.js';
import { packSummary, type PackedSummary } from '../engine/summary.js';

export default function runTask(task: ScenarioTask): PackedSummary {
  return packSummary(simulateScenario(task));
}
