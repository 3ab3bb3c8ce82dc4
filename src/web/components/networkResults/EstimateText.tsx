/**
 * A mean with its 95 % interval beneath, as every network table shows one. The interval is
 * worded by formatInterval, so its ends never round into each other.
 */
import type { Estimate } from '../../../engine/statistics.js';
import { formatInterval, type DifferenceUnit } from '../../../report/difference.js';

export function EstimateText({ estimate, format, unit = 'number' }: { estimate: Estimate; format: (x: number) => string; unit?: DifferenceUnit }) {
  const interval = Number.isFinite(estimate.low) && Number.isFinite(estimate.high) && estimate.low !== estimate.high;
  return (
    <>
      {format(estimate.mean)}
      {interval && <span className="pf-scenario-description">95 % CI {formatInterval(estimate.low, estimate.high, unit)}</span>}
    </>
  );
}
