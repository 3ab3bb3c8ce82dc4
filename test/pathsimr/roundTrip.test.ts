/**
 * Import, export and import again give an equal model (deep equality, to the last bit), for
 * every PathSimR template in ../shared and for pairs that use every distribution and a weekly
 * calendar; what PathSimR cannot express is refused, naming the node and field.
 */
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { exportPathsimr } from '../../src/pathsimr/exportPathsimr.js';
import { importPathsimr, type PathsimrUnit } from '../../src/pathsimr/importPathsimr.js';
import { HAVE_PATHSIMR, MISSING_PATHSIMR, readPair, TEMPLATE_PAIRS } from './templates.js';

function imported(networkCsv: string, calendarCsv: string, unit: PathsimrUnit, fileNames = { network: 'model.csv', calendar: 'calendar.csv' }): ModelSpec {
  const result = importPathsimr(networkCsv, calendarCsv, { unit, fileNames });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.model;
}

function roundTrip(model: ModelSpec, fileNames = { network: 'model.csv', calendar: 'calendar.csv' }, unit?: PathsimrUnit) {
  const exported = exportPathsimr(model, { unit });
  if (!exported.ok) throw new Error(exported.errors.join('\n'));
  return { again: imported(exported.networkCsv, exported.calendarCsv, exported.unit, fileNames), exported };
}

describe.skipIf(!HAVE_PATHSIMR)(`PathSimR's templates round trip (${HAVE_PATHSIMR ? 'found' : MISSING_PATHSIMR})`, () => {
  for (const pair of TEMPLATE_PAIRS) {
    it(`${pair.label}: import, export, import give an equal model`, () => {
      const { networkCsv, calendarCsv, fileNames } = readPair(pair);
      const model = imported(networkCsv, calendarCsv, pair.unit, fileNames);
      const { again, exported } = roundTrip(model, fileNames);
      expect(again).toStrictEqual(model);
      // A&E and Urology have calendars within the day, so they go back out in hours.
      expect(exported.unit).toBe(pair.label === 'A&E' || pair.label === 'Urology' ? 'hours' : 'days');
    });
  }

  it("writes A&E's figures as PathSimR's file has them", () => {
    const pair = TEMPLATE_PAIRS.find((candidate) => candidate.label === 'A&E')!;
    const { networkCsv, calendarCsv, fileNames } = readPair(pair);
    const exported = exportPathsimr(imported(networkCsv, calendarCsv, 'hours', fileNames));
    if (!exported.ok) throw new Error(exported.errors.join('\n'));
    expect(exported.networkCsv.split('\n')[2]).toBe('Intensive_treatment,0,0,0,0,0,0.1,0.8,0.1,lnorm,-0.88056;1.1467,0,0,NA,NA,NA,NA,NA,NA,unif,NA,NA,NA,NA,NA,NA,NA,0.5;0.5,NA');
    expect(exported.calendarCsv).toContain('cap,Shock_room,0,8,3\ncap,Shock_room,8,20,6\ncap,Shock_room,20,24,3\next_arr,Shock_room,0,6,0.1725\n');
  });
});

describe('round trips of hand-written pairs', () => {
  const header = ',A,B,Out,serv_dist,serv_dist_param,ext_queue,int_queue,A_delay_dist,B_delay_dist,Out_delay_dist,A_delay_params,B_delay_params,Out_delay_params';
  const exitRow = 'Out' + ',NA'.repeat(13);
  for (const [a, b, unit] of [
    ['gamma,2.5;0.75', 'weibull,1.7;12.5', 'days'],
    ['weibull,0.8;3', 'lnorm,2.1;0.4', 'hours'],
    ['unif,0.25;0.75', 'exp,0.0104', 'hours'],
  ] as const) {
    it(`${a} and ${b} in ${unit}, with a weekly calendar, a 12-hour arrival cycle and a gamma delay`, () => {
      const network = [header, `A,0.2,0.5,0.3,${a},Inf,3,NA,gamma,NA,NA,4;1.5,NA`, `B,0,0,1,${b},0,Inf,NA,NA,weibull,NA,NA,2;0.5`, exitRow].join('\n');
      const calendar = ['metric,node,start,end,value', 'cap,A,0,120,5', 'cap,A,120,168,2', 'cap,B,0,,4', 'ext_arr,A,0,4,0.5', 'ext_arr,A,4,12,1.25', 'ext_arr,B,0,,0'].join('\n');
      const hours = unit === 'hours';
      const model = imported(network, hours ? calendar : calendar.replace('cap,A,0,120,5\ncap,A,120,168,2', 'cap,A,0,5,5\ncap,A,5,7,2').replace('ext_arr,A,0,4,0.5\next_arr,A,4,12,1.25', 'ext_arr,A,0,0.25,0.5\next_arr,A,0.25,0.5,1.25'), unit);
      expect(roundTrip(model, undefined, unit).again).toStrictEqual(model);
    });
  }
});

describe('what PathSimR cannot express', () => {
  const base = () => imported([',A,X,serv_dist,serv_dist_param,ext_queue,int_queue,A,X,A,X', 'A,0,1,exp,0.5,Inf,0,NA,NA,NA,NA', 'X' + ',NA'.repeat(10)].join('\n'), 'metric,node,start,end,value\ncap,A,0,,5\next_arr,A,0,,2\n', 'days');

  it.each([
    ['a visit node', (m: ModelSpec) => (m.nodes[0].kind = 'visit'), "A: a visit node, which PathSimR does not have (its service points are servers in continuous time)"],
    ['two capacity scenarios', (m: ModelSpec) => m.nodes[0].capacity.push({ name: 'S1Cap', capacity: 6 }), 'A: has 2 capacity scenarios; PathSimR models one'],
    ['patients at the start', (m: ModelSpec) => (m.nodes[0].initial.occupied = 3), 'A: has patients at the start (initial); PathSimR starts every run empty'],
    ['dated capacity', (m: ModelSpec) => (m.nodes[0].capacity[0].calendar = { periods: [{ from: '2026-05-01', to: '2026-05-31', capacity: 9 }] }), "A: capacity[0].calendar has dated periods; PathSimR's calendars repeat (a daily or weekly cycle can be exported)"],
    ['a normal stay', (m: ModelSpec) => (m.nodes[0].los[0] = { name: 'Blos', family: 'norm', mean: 3, sd: 1 }), 'A: los[0] is a normal distribution, which PathSimR does not have (it has exp, lnorm, unif, gamma and weibull)'],
    ['arrivals varying by day', (m: ModelSpec) => (m.nodes[0].arrivals[0].daily[3] = 5), "A: arrivals[0] varies from day to day (day 4 is 5, not 2 as day 1); PathSimR's arrival rates repeat daily"],
    ['two routing scenarios', (m: ModelSpec) => m.edges!.push({ from: 'A', to: 'X', scenario: 'S1Route', probability: 1 }), 'edges: the model has 2 routing scenarios (BRoute, S1Route); PathSimR has one transition matrix'],
  ])('refuses %s', (_, change, message) => {
    const model = base();
    change(model);
    const exported = exportPathsimr(model);
    expect(exported.ok ? [] : exported.errors).toEqual([message]);
  });

  it('sends a node without routes to a new exit, and says so', () => {
    const model = base();
    model.edges = [];
    const exported = exportPathsimr(model);
    if (!exported.ok) throw new Error(exported.errors.join('\n'));
    expect(exported.networkCsv.split('\n')[1]).toBe('A,0,0,1,exp,0.5,Inf,0,NA,NA,NA,NA,NA,NA');
    expect(exported.notes).toEqual(['A has no route out; PathSimR needs one, so they go to a new exit, Exit']);
  });
});
