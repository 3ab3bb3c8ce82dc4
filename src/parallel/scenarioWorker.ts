/**
 * Worker-thread entry: simulates and summarises one scenario. Kept to a single import of the
 * engine so a thread starts fast; the browser's Web Worker entry does the same.
 */
import { simulateScenario, type ScenarioTask } from '../engine/replications.js';
import type { ScenarioSummary } from '../engine/summary.js';

export default function runTask(task: ScenarioTask): ScenarioSummary {
  return simulateScenario(task);
}
