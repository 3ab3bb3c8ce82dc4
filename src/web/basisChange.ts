/**
 * A change of cost basis re-prices a run; it does not make it stale. The app decides
 * staleness by identity (a run is current when it ran on the model shown), so a run's model
 * follows the basis: it becomes the new model itself when nothing else changed.
 */
import type { ModelSpec } from '../engine/model.js';

/** True when `next` is `previous` with at most its cost basis changed (edits are immutable, so a shallow look suffices). */
export function onlyBasisChanged(previous: ModelSpec, next: ModelSpec): boolean {
  const keys = new Set([...Object.keys(previous), ...Object.keys(next)] as (keyof ModelSpec)[]);
  keys.delete('costBasis');
  for (const key of keys) if (previous[key] !== next[key]) return false;
  return true;
}

/** The model a run is shown with after the current model became `current`. */
export function rebasedRunModel(ran: ModelSpec, current: ModelSpec): ModelSpec {
  if (ran.costBasis === current.costBasis) return ran;
  if (onlyBasisChanged(ran, current)) return current;
  return { ...ran, costBasis: current.costBasis };
}
