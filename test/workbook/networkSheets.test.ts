/**
 * The network sheets of a workbook: a model using every network feature written and read back
 * equal; each problem at its sheet!cell, all at once.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { writeIpacsWorkbook } from '../../src/workbook/write.js';
import { networkModel } from '../engine/networkFixture.js';
import { editedWorkbook, errorsOf, read, repoRoot, setCell, smallModel } from './fixtures.js';

function withoutSheetRows(model: ModelSpec): ModelSpec {
  const { ipacsSheetRows: _rows, ...rest } = model;
  return rest;
}

async function roundTrip(model: ModelSpec): Promise<ModelSpec> {
  const result = await read(await writeIpacsWorkbook(model), `${model.name}.xlsx`);
  if (!result.ok) throw new Error(result.errors.map((e) => JSON.stringify(e)).join('\n'));
  return withoutSheetRows(result.model);
}

describe('the network sheets', () => {
  it('read back the model they were written from, every network feature included', async () => {
    for (const variant of ['warmup', 'blocked'] as const) expect(await roundTrip(networkModel(variant))).toEqual(networkModel(variant));
  }, 60_000);

  it('carry a calendar and a profile of an isolated IPACS node, with no other network sheet', async () => {
    const model = smallModel(14);
    model.nodes[1].capacity[0].calendar = { periods: [{ from: '2024-01-08', to: '2024-01-14', capacity: 25 }] };
    model.nodes[0].arrivals[0].profile = { cycleDays: 7, periods: [{ start: 0, end: 5, weight: 1 }, { start: 5, end: 7, weight: 0.5 }] };
    const sheets = Object.keys(unzipSync(await writeIpacsWorkbook(model))).filter((part) => part.startsWith('xl/worksheets/sheet'));
    expect(sheets).toHaveLength(7);
    expect(await roundTrip(model)).toEqual(model);
  }, 60_000);

  it('are not written for a model without a network: the bundled example writes its committed bytes and reads back equal', async () => {
    const bytes = await readFile(path.join(repoRoot, 'examples/fictional-icb.xlsx'));
    const result = await read(bytes, 'fictional-icb.xlsx');
    if (!result.ok) throw new Error('the example should read');
    const written = await writeIpacsWorkbook(result.model);
    expect(Buffer.from(written).equals(bytes)).toBe(true);
    const workbookXml = strFromU8(unzipSync(written)['xl/workbook.xml']);
    for (const sheet of ['nodes', 'routing', 'capacity calendar', 'arrival profile', 'settings']) expect(workbookXml).not.toContain(`name="${sheet}"`);
    expect(await roundTrip(result.model)).toEqual(withoutSheetRows(result.model));
  }, 60_000);
});

/** Writes the network model, edits its cells (sheet, Excel reference, value) and reads it. */
async function errorsAfter(edits: [sheet: string, reference: string, value: string | number | null][], model = networkModel()): Promise<string[]> {
  const workbook = await editedWorkbook((sheets) => {
    for (const [sheet, reference, value] of edits) setCell(sheets, sheet, reference, value === null ? null : { value, type: typeof value === 'number' ? Number : String });
  }, model);
  return errorsOf(workbook);
}

async function modelAfter(edits: [sheet: string, reference: string, value: string | number | null][], model = networkModel()): Promise<ModelSpec> {
  const workbook = await editedWorkbook((sheets) => {
    for (const [sheet, reference, value] of edits) setCell(sheets, sheet, reference, value === null ? null : { value, type: typeof value === 'number' ? Number : String });
  }, model);
  const result = await read(workbook, 'network.xlsx');
  if (!result.ok) throw new Error(result.errors.map((e) => JSON.stringify(e)).join('\n'));
  return withoutSheetRows(result.model);
}

/*
 * As written from networkModel('warmup'):
 * - nodes (A node, B kind, C pathway, D locality, E queue_external, F queue_internal, G description):
 *   Acute_A 2, P3_A 3, P2_A 4, LTC_A 5, Home_A 6, Home 7, Death 8;
 * - routing (A from, B to, C scenario, D probability, E type, F condition, G delay_dist, H delay_mean,
 *   I delay_median, J delay_sd): edges[e] in row e + 2 (Acute_A's S1Route routes in rows 6-9, the
 *   overflow P2_A -> P3_A in row 14, LTC_A -> Death in row 16);
 * - capacity calendar (A node, B scenario, C from_date, D to_date, E cycle_days, F start, G end, H capacity):
 *   Acute_A BCap dated rows 2-3, P3_A S1Cap cycle rows 4-5;
 * - arrival profile (A node, B scenario, C cycle_days, D start, E end, F weight): Acute_A BArr rows 2-4;
 * - settings (A setting, B value): warmup_days 2, resolve_deadlocks 3.
 */
describe('problems in the network sheets', () => {
  it('reports route probabilities not summing to 1 at the first row of that node and scenario, naming its rows', async () => {
    expect(await errorsAfter([['routing', 'D7', 0.25]])).toEqual(['routing!D6: the routes out of Acute_A in routing scenario S1Route (row 6, row 7, row 8, row 9) sum to 1.05, not 1']);
  }, 60_000);

  it('reports unknown nodes, an exit with an outgoing edge, and a bad overflow at their cells', async () => {
    expect(
      await errorsAfter([
        ['routing', 'B2', 'Nowhere'],
        ['capacity calendar', 'A4', 'P3_Z'],
        ['arrival profile', 'A2', 'LTC_Q'],
      ]),
    ).toEqual([
      'routing!B2: no node is called "Nowhere" (nodes are those of the arrivals and nodes sheets)',
      'capacity calendar!A4: node P3_Z is in neither the arrivals nor the nodes sheet',
      'arrival profile!A2: node "LTC_Q" is not of the form P1_<locality>, P2_<locality> or P3_<locality>, nor declared in the nodes sheet',
    ]);
    expect(
      await errorsAfter([
        ['routing', 'A18', 'Home'],
        ['routing', 'B18', 'P1_A'],
        ['routing', 'D18', 1],
        ['routing', 'F14', 'wait>=1.5'],
      ]),
    ).toEqual(['routing!F14: "wait>=1.5" is not full or wait>=N (N whole days)', 'routing!A18: Home is an exit, and nobody leaves an exit']);
  }, 60_000);

  it('reports overlapping periods, negative capacity and a cycle with a gap at their cells', async () => {
    expect(await errorsAfter([['capacity calendar', 'H2', -1]])).toEqual(['capacity calendar!H2: capacity -1 is negative']);
    expect(
      await errorsAfter([
        ['capacity calendar', 'C3', '2024-12-05'],
        ['capacity calendar', 'F5', 6],
      ]),
    ).toEqual([
      'capacity calendar!C3: 2024-12-05 falls in row 2 (2024-12-01 to 2024-12-05): periods may not overlap',
      'capacity calendar!F5: 6 leaves a gap or overlap; the period before ends at 5',
    ]);
  }, 60_000);

  it('needs a calendar whose scenario has no capacity row to cover the horizon, and a profile to shape an arrival scenario', async () => {
    expect(
      await errorsAfter([
        ['capacity calendar', 'B2', 'Winter'],
        ['capacity calendar', 'B3', 'Winter'],
        ['arrival profile', 'B2', 'S9Arr'],
        ['arrival profile', 'B3', 'S9Arr'],
        ['arrival profile', 'B4', 'S9Arr'],
      ]),
    ).toEqual([
      'capacity calendar!B2: Acute_A Winter has no row in the capacity sheet, so its periods must cover the horizon, but 6 days are in none: 2024-11-25, 2024-11-26, 2024-11-27, 2024-11-28, 2024-11-29, ...',
      'arrival profile!B2: Acute_A has no arrival scenario S9Arr in the arrivals sheet for this profile to shape',
    ]);
  }, 60_000);

  it('takes a calendar covering the horizon as a capacity scenario of its own', async () => {
    const model = await modelAfter([
      ['capacity calendar', 'B2', 'Winter'],
      ['capacity calendar', 'C2', '2024-11-25'],
      ['capacity calendar', 'B3', 'Winter'],
    ]);
    expect(model.nodes[0].capacity).toEqual([
      { name: 'BCap', capacity: 30 },
      { name: 'Winter', capacity: 34, calendar: { periods: [{ from: '2024-11-25', to: '2024-12-05', capacity: 34 }, { from: '2024-12-06', to: '2024-12-08', capacity: 36 }] } },
    ]);
  }, 60_000);

  it('reads buffers as whole numbers, unlimited or Inf, blank as the default, and refuses the rest', async () => {
    const model = await modelAfter([
      ['nodes', 'E2', 'Inf'],
      ['nodes', 'F4', null],
      ['nodes', 'E6', 'UNLIMITED'],
    ]);
    expect(model.nodes[0].queueExternal).toBe('unlimited');
    expect(model.nodes[2].queueInternal).toBeUndefined();
    expect(model.nodes[4].queueExternal).toBe('unlimited');
    expect(await errorsAfter([['nodes', 'F4', 1.5], ['nodes', 'E6', 'lots']])).toEqual([
      'nodes!F4: queue_internal "1.5" is not a whole number of places from 0 to 10,000, or unlimited',
      'nodes!E6: queue_external "lots" is not a whole number of places from 0 to 10,000, or unlimited',
    ]);
  }, 60_000);

  it('needs a kind for a node whose id is not IPACS\'s, and holds an IPACS node without one to its id', async () => {
    expect(await errorsAfter([['nodes', 'B7', null], ['nodes', 'C6', 'P3'], ['nodes', 'B8', 'clinic']])).toEqual([
      'nodes!C6: pathway "P3" is not the node id\'s, P2: give the node a kind to label it otherwise',
      'nodes!B7: kind is blank: node "LTC_A" is not P1/P2/P3_<locality>, so it needs a kind (bed, visit, acute, delay, exit)',
      'nodes!B8: kind "clinic" is not bed, visit, acute, delay, exit',
    ]);
  }, 60_000);

  it('reports problems the schema finds between cells at the cells they came from: a warm-up with an initial state, an exit with a length of stay', async () => {
    expect(await errorsAfter([['initial conditions', 'C10', 3]])).toEqual([
      'initial conditions!C10: is 3, but the model has a warm-up, which starts from empty: give an initial state or a warm-up, not both',
    ]);
    expect(await errorsAfter([['settings', 'B2', 'soon'], ['settings', 'B3', 'maybe']])).toEqual([
      'settings!B2: warmup_days "soon" is not a number',
      'settings!B3: resolve_deadlocks "maybe": it is TRUE or FALSE',
    ]);
  }, 60_000);

  it('reports every problem of the cells at once, sheet by sheet (settings, as before, last)', async () => {
    const errors = await errorsAfter([
      ['nodes', 'F4', 1.5],
      ['routing', 'B2', 'Nowhere'],
      ['capacity calendar', 'H2', -1],
      ['arrival profile', 'F2', 'heavy'],
      ['settings', 'B2', -1],
    ]);
    expect(errors.map((error) => error.split(':')[0])).toEqual(['nodes!F4', 'routing!B2', 'capacity calendar!H2', 'arrival profile!F2', 'settings!B2']);
  }, 60_000);
});
