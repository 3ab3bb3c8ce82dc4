/**
 * The optional network sheets of a workbook (docs/workbook-network.md), shared by the reader
 * and the writer so that what one writes the other reads. A workbook without them is an IPACS
 * workbook, read exactly as before.
 */
export const NETWORK_SHEETS = {
  nodes: 'nodes',
  routing: 'routing',
  calendar: 'capacity calendar',
  profile: 'arrival profile',
} as const;

export type NetworkSheetRole = keyof typeof NETWORK_SHEETS;

/** Every column of each sheet, in the writer's order. */
export const NETWORK_COLUMNS = {
  nodes: ['node', 'kind', 'pathway', 'locality', 'queue_external', 'queue_internal', 'description'],
  routing: ['from', 'to', 'scenario', 'probability', 'type', 'condition', 'delay_dist', 'delay_mean', 'delay_median', 'delay_sd'],
  calendar: ['node', 'scenario', 'from_date', 'to_date', 'cycle_days', 'start', 'end', 'capacity'],
  profile: ['node', 'scenario', 'cycle_days', 'start', 'end', 'weight'],
} as const satisfies Record<NetworkSheetRole, readonly string[]>;

export const NETWORK_REQUIRED: Record<NetworkSheetRole, readonly string[]> = {
  nodes: ['node'],
  routing: ['from', 'to'],
  calendar: ['node', 'scenario', 'capacity'],
  profile: ['node', 'scenario', 'cycle_days', 'start', 'end', 'weight'],
};

/** How a buffer without limit is written; `inf` and `Inf` (PathSimR's) are read as the same. */
export const UNLIMITED = 'unlimited';
export const UNLIMITED_WORDS = ['unlimited', 'inf', 'infinity'];
/** The locality of a declared node whose `locality` cell is blank (an exit shared by every locality). */
export const ALL_LOCALITIES = 'all';
/** The `initial conditions` measure of patients blocked at time 0. */
export const BLOCKED_MEASURE = 'blocked';
