/**
 * The hooks the app puts on `window` for the end-to-end tests (docs/web.md): the current
 * model, a run through the app's own Web Worker path, and the last run's cache figures.
 * Kept apart from the React code so the Node-side tests can share the type.
 */
import type { ModelSpec } from '../engine/model.js';
import type { RunRequest } from '../app/run.js';

export interface RunStats {
  simulated: number;
  reused: number;
  milliseconds: number;
}

export interface PathflowTestHooks {
  model(): ModelSpec | undefined;
  /** A run through the worker pool (a new pool of `workers` when given), no cache. */
  run(model: ModelSpec, options: RunRequest, workers?: number): Promise<{ summaryCsv: string; dailySha256: string; scenarios: number }>;
  lastRunStats(): RunStats | undefined;
}

declare global {
  interface Window {
    __pathflow?: PathflowTestHooks;
  }
}
