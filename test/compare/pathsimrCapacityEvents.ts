/**
 * PathSimR's capacity-change events, scheduled as its code schedules them
 * (PathSimR_Shiny_v1.R at 7b1ead1: the calendar shift, l. 6515-6601; the event list, l. 6885-6905).
 *
 * Two quirks make its events differ from the calendar a planner reads:
 * - With a warm-up W, each node's calendar is shifted by W mod cycle so that the window starts
 *   at calendar time 0; a row that the shift carries across the cycle's end is split in two,
 *   and both halves raise a change event (the second a "change" to the level already set).
 * - The loop that builds the events runs over `node[duplicated(node)]`, so a node with r
 *   calendar rows (after the shift) gets every event r − 1 times over.
 * Each copy of a rise is processed on its own and admits one waiting patient, so a clinic of
 * three rows opens with two patients starting at once, or three when the shift split a row.
 */
import type { CalendarPeriod } from '../../src/pathsimr/calendarFile.js';

export interface CapacityRow {
  start: number;
  end: number;
  value: number;
}

export interface CapacityEvent {
  /** In days from the start of the window. */
  time: number;
  node: number;
  level: number;
}

/** A node's capacity rows after PathSimR shifts its calendar for a warm-up of `warmup` (case units). */
export function shiftedRows(rows: readonly CapacityRow[], warmup: number): CapacityRow[] {
  if (rows.length <= 1) return [...rows];
  const cycle = Math.max(...rows.map((row) => row.end));
  const modulo = warmup % cycle;
  if (modulo === 0) return [...rows];
  const shifted = rows.map((row) => ({ ...row, start: row.start + modulo, end: row.end + modulo }));
  const lastStable = shifted.findIndex((row) => row.end >= cycle);
  const stable = shifted.slice(0, lastStable + 1);
  stable[stable.length - 1] = { ...stable[stable.length - 1], end: cycle };
  const wrapped = shifted.slice(shifted.findIndex((row) => row.end > cycle));
  wrapped[0] = { ...wrapped[0], start: cycle };
  return [...stable, ...wrapped.map((row) => ({ ...row, start: row.start - cycle, end: row.end - cycle }))].sort((a, b) => a.start - b.start);
}

/** Copies of each capacity event PathSimR schedules for a node with these (shifted) rows. */
export function eventCopies(rows: readonly CapacityRow[]): number {
  return Math.max(0, rows.length - 1);
}

/** The `cap` periods of a PathSimR calendar as rows (a constant's blank end never changes, so it has no events). */
export function capacityRows(periods: readonly CalendarPeriod[]): CapacityRow[] {
  return periods.map((period) => ({ start: period.start, end: period.end ?? Infinity, value: period.value }));
}

/**
 * Every capacity event PathSimR processes in [from, to) days of the window's time, for a
 * warm-up congruent to `warmup` (case units; only its remainder modulo each cycle matters),
 * with `perDay` case units a day. Events at one time keep PathSimR's order: by node, then copy.
 */
export function pathsimrCapacityEvents(rowsByNode: ReadonlyMap<number, readonly CapacityRow[]>, warmup: number, from: number, to: number, perDay: number): CapacityEvent[] {
  const events: CapacityEvent[] = [];
  for (const [node, original] of rowsByNode) {
    const rows = shiftedRows(original, warmup);
    const copies = eventCopies(rows);
    if (copies === 0) continue;
    const cycle = Math.max(...rows.map((row) => row.end));
    const modulo = warmup % cycle;
    for (const row of rows) {
      // Sim time start + k·cycle is window time start + k·cycle − warm-up, and warm-up ≡ modulo.
      const first = row.start - modulo;
      const kFrom = Math.ceil((from * perDay - first) / cycle);
      for (let k = kFrom; first + k * cycle < to * perDay; k++) {
        const time = (first + k * cycle) / perDay;
        for (let copy = 0; copy < copies; copy++) events.push({ time, node, level: row.value });
      }
    }
  }
  return events.sort((a, b) => a.time - b.time || a.node - b.node);
}
