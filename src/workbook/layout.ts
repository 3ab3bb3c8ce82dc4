/**
 * The IPACS parameter workbook layout (see docs/workbook.md), shared by the reader and the
 * writer so that what one writes the other reads.
 */
import type { LosFamily } from '../engine/model.js';

/** The sheets the model needs, keyed by role, named as the public sample names them. */
export const SHEETS = {
  arrivals: 'arrivals',
  initial: 'initial conditions',
  capacity: 'capacity',
  los: 'los',
  costs: 'costs',
} as const;

export type SheetRole = keyof typeof SHEETS;

/** Every column of each sheet, in the public sample's order (the writer's order). */
export const COLUMNS = {
  arrivals: ['node', 'arrivals', 'scenario', 'date', 'day'],
  initial: ['node', 'measure', 'value'],
  capacity: ['node', 'scenario', 'capacity'],
  los: ['node', 'median', 'sd_los', 'IVR', 'FVR', 'scenario', 'mean_los', 'los_params', 'los_dist', 'mu', 'sigma'],
  costs: ['node', 'community_cost', 'acute_dtoc'],
} as const satisfies Record<SheetRole, readonly string[]>;

/**
 * An optional sheet: a plain description of each scenario name. Names such as BCap are
 * shared by the nodes, so one row describes that name wherever it is used.
 */
export const DESCRIPTIONS_SHEET = 'descriptions';
export const DESCRIPTION_COLUMNS = ['scenario', 'description'] as const;

/** `initial conditions` measures: `occ` is in service, `dtoc` (or its synonym `nctr`) waiting. */
export const OCCUPIED_MEASURE = 'occ';
export const WAITING_MEASURE = 'dtoc';
export const WAITING_MEASURE_SYNONYM = 'nctr';

/** `los_dist` values; the record type makes the compiler flag a family the engine adds. */
const LOS_FAMILY_NAMES: Record<LosFamily, true> = { lnorm: true, norm: true, exp: true, gamma: true, weibull: true, unif: true };
export const LOS_FAMILIES = Object.keys(LOS_FAMILY_NAMES) as LosFamily[];
export const DEFAULT_LOS_FAMILY: LosFamily = 'lnorm';

export function isLosFamily(name: string): name is LosFamily {
  return (LOS_FAMILIES as string[]).includes(name);
}
