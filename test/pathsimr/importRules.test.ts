/**
 * PathSimR's input rules, one by one, on small hand-written pairs: each refusal names the
 * file, row and column; each distribution converts with R's parameters to days.
 */
import { describe, expect, it } from 'vitest';
import { exportPathsimr } from '../../src/pathsimr/exportPathsimr.js';
import { importPathsimr, type PathsimrImportOptions } from '../../src/pathsimr/importPathsimr.js';

const HEADER = ',A,B,X,serv_dist,serv_dist_param,ext_queue,int_queue,A_delay_dist,B_delay_dist,X_delay_dist,A_delay_params,B_delay_params,X_delay_params';
const EXIT = 'X,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA';
const CALENDAR = 'metric,node,start,end,value\ncap,A,0,,5\ncap,B,0,,3\next_arr,A,0,,2\next_arr,B,0,,0\n';

/** A two-service-point network: A sends everyone to B, B to the exit X; `a` and `b` replace cells of the default rows. */
function network({ a = 'A,0,1,0,exp,0.5,Inf,0,NA,NA,NA,NA,NA,NA', b = 'B,0,0,1,exp,0.25,0,Inf,NA,NA,NA,NA,NA,NA' } = {}): string {
  return [HEADER, a, b, EXIT].join('\n') + '\n';
}

function errorsOf(networkCsv: string, calendarCsv = CALENDAR, options: Partial<PathsimrImportOptions> = {}): string[] {
  const result = importPathsimr(networkCsv, calendarCsv, { unit: 'days', ...options });
  return result.ok ? [] : result.errors;
}

function modelOf(networkCsv: string, calendarCsv = CALENDAR, options: Partial<PathsimrImportOptions> = {}) {
  const result = importPathsimr(networkCsv, calendarCsv, { unit: 'days', ...options });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result;
}

describe('the network file', () => {
  it('imports a correct pair', () => {
    const { model } = modelOf(network());
    expect(model.nodes.map((node) => [node.id, node.kind, node.queueExternal, node.queueInternal])).toEqual([
      ['A', 'bed', 'unlimited', 0],
      ['B', 'bed', 0, 'unlimited'],
      ['X', 'exit', undefined, undefined],
    ]);
    expect(model.edges).toEqual([
      { from: 'A', to: 'B', scenario: 'BRoute', probability: 1 },
      { from: 'B', to: 'X', scenario: 'BRoute', probability: 1 },
    ]);
    expect(model.nodes[1].arrivals).toEqual([]);
  });

  it.each([
    ['a probability above 1', { a: 'A,0,1.5,0,exp,0.5,Inf,0,NA,NA,NA,NA,NA,NA' }, 'network.csv row 2, column "B": the transition probability "1.5" is not a number from 0 to 1'],
    ['a missing probability', { a: 'A,0,NA,1,exp,0.5,Inf,0,NA,NA,NA,NA,NA,NA' }, 'network.csv row 2, column "B": the transition probability is missing (NA): give 0 or a value from 0 to 1'],
    ['a row not summing to 1', { a: 'A,0,0.5,0.4,exp,0.5,Inf,0,NA,NA,NA,NA,NA,NA' }, 'network.csv row 2: the transition probabilities of A sum to 0.9, not 1'],
    ['an unknown distribution', { a: 'A,0,1,0,norm,0.5,Inf,0,NA,NA,NA,NA,NA,NA' }, 'network.csv row 2, column "serv_dist": "norm" is not a distribution PathSimR has (exp, lnorm, unif, gamma, weibull)'],
    ['a missing distribution', { a: 'A,0,1,0,NA,0.5,Inf,0,NA,NA,NA,NA,NA,NA' }, 'network.csv row 2, column "serv_dist": the service distribution is missing'],
    ['lnorm with one parameter', { a: 'A,0,1,0,lnorm,0.5,Inf,0,NA,NA,NA,NA,NA,NA' }, 'network.csv row 2, column "serv_dist_param": lnorm needs 2 parameters (meanlog;sdlog), got 1'],
    ['exp with two parameters', { a: 'A,0,1,0,exp,0.5;1,Inf,0,NA,NA,NA,NA,NA,NA' }, 'network.csv row 2, column "serv_dist_param": exp needs 1 parameter (rate), got 2'],
    ['a rate of 0', { a: 'A,0,1,0,exp,0,Inf,0,NA,NA,NA,NA,NA,NA' }, "network.csv row 2, column \"serv_dist_param\": exp's parameters (rate) must all be above 0, as PathSimR requires; got 0"],
    ['a gamma shape of -1', { a: 'A,0,1,0,gamma,-1;2,Inf,0,NA,NA,NA,NA,NA,NA' }, "network.csv row 2, column \"serv_dist_param\": gamma's parameters (shape;rate) must all be above 0, as PathSimR requires; got -1;2"],
    ['a uniform from 0', { a: 'A,0,1,0,unif,0;2,Inf,0,NA,NA,NA,NA,NA,NA' }, "network.csv row 2, column \"serv_dist_param\": unif's parameters (min;max) must all be above 0, as PathSimR requires; got 0;2"],
    ['a uniform backwards', { a: 'A,0,1,0,unif,3;2,Inf,0,NA,NA,NA,NA,NA,NA' }, "network.csv row 2, column \"serv_dist_param\": unif's min 3 is above its max 2"],
    ['an sdlog of 0', { a: 'A,0,1,0,lnorm,0;0,Inf,0,NA,NA,NA,NA,NA,NA' }, "network.csv row 2, column \"serv_dist_param\": lnorm's sdlog must be above 0, not 0 (for a fixed time use unif with min = max)"],
    ['a text parameter', { a: 'A,0,1,0,weibull,two;2,Inf,0,NA,NA,NA,NA,NA,NA' }, 'network.csv row 2, column "serv_dist_param": weibull needs 2 parameters (shape;scale): the shape "two" is not a finite number'],
    ['a missing queue', { a: 'A,0,1,0,exp,0.5,,0,NA,NA,NA,NA,NA,NA' }, 'network.csv row 2, column "ext_queue": the external queue size is missing: give a whole number from 0, or Inf'],
    ['a fractional queue', { a: 'A,0,1,0,exp,0.5,Inf,2.5,NA,NA,NA,NA,NA,NA' }, 'network.csv row 2, column "int_queue": the internal queue size "2.5" is not a whole number from 0, or Inf'],
    ['a negative queue', { a: 'A,0,1,0,exp,0.5,-1,0,NA,NA,NA,NA,NA,NA' }, 'network.csv row 2, column "ext_queue": the external queue size "-1" is not a whole number from 0, or Inf'],
    ['delay parameters without a distribution', { a: 'A,0,1,0,exp,0.5,Inf,0,NA,NA,NA,NA,1,NA' }, 'network.csv row 2, column "B_delay_dist": the delay to B has parameters ("1") but no distribution'],
    ['a delay without parameters', { a: 'A,0,1,0,exp,0.5,Inf,0,NA,exp,NA,NA,NA,NA' }, 'network.csv row 2, column "B_delay_params": the parameters of the delay distribution to B (exp) are missing'],
  ])('refuses %s', (_, rows, message) => {
    expect(errorsOf(network(rows))).toEqual([message]);
  });

  it('refuses a service point after an exit, a duplicate name, an exit row with data and a short row', () => {
    expect(errorsOf([HEADER, 'A,0,1,0,exp,0.5,Inf,0,NA,NA,NA,NA,NA,NA', EXIT, 'B,0,0,1,exp,0.25,0,Inf,NA,NA,NA,NA,NA,NA'].join('\n'))).toContain(
      'network.csv row 4, column "name": B is a service point after the exit X (row 3): PathSimR needs service points first, then exits',
    );
    expect(errorsOf(network({ b: 'A,0,0,1,exp,0.25,0,Inf,NA,NA,NA,NA,NA,NA' }))).toEqual(['network.csv row 3, column "name": A is also the name of row 2']);
    expect(errorsOf([HEADER, 'A,0,1,0,exp,0.5,Inf,0,NA,NA,NA,NA,NA,NA', 'B,0,0,1,exp,0.25,0,Inf,NA,NA,NA,NA,NA,NA', 'X,NA,NA,NA,exp,NA,NA,NA,NA,NA,NA,NA,NA,NA'].join('\n'))).toEqual([
      'network.csv row 4, column "serv_dist": X has no transition probabilities, so it is an exit, and an exit\'s row is empty (NA); this cell is not',
    ]);
    expect(errorsOf(network({ b: 'B,0,0,1,exp,0.25,0,Inf' }))).toEqual(['network.csv row 3: has 8 cells where the header has 14']);
  });

  it('refuses a header that is not a PathSimR network template', () => {
    expect(errorsOf('name,A,B\nA,0,1\nB,NA,NA\n')).toEqual([
      'network.csv row 1: has no serv_dist column: a PathSimR network template has the names, then serv_dist, serv_dist_param, ext_queue and int_queue',
    ]);
    expect(errorsOf(HEADER.replace('ext_queue', 'queue') + '\n' + network().split('\n').slice(1).join('\n'))).toEqual([
      'network.csv row 1: column 7 is "queue", where PathSimR expects ext_queue',
    ]);
  });

  it('rescales a row within PathSimR\'s tolerance of 1 (1.5e-8) but not Pathflow\'s (1e-9), and reads 9999 as unlimited', () => {
    const result = modelOf(network({ a: 'A,0,0.499999999,0.499999999,exp,0.5,9999,0,NA,NA,NA,NA,NA,NA' }));
    const out = result.model.edges!.filter((edge) => edge.from === 'A');
    expect(out.reduce((sum, edge) => sum + edge.probability, 0)).toBeCloseTo(1, 15);
    expect(result.model.nodes[0].queueExternal).toBe('unlimited');
    expect(result.notes).toEqual(['the transition probabilities of A sum to 0.999999998; they are divided by that sum to make exactly 1', 'the external queue of A, 9999, is read as unlimited']);
  });
});

describe('distributions, R parameters to days', () => {
  const stayOf = (dist: string, params: string, unit: 'hours' | 'days') => modelOf(network({ a: `A,0,1,0,${dist},${params},Inf,0,NA,NA,NA,NA,NA,NA` }), CALENDAR, { unit }).model.nodes[0].los[0];
  it('exp: mean 1/rate', () => {
    const los = stayOf('exp', '0.25', 'hours');
    expect(los.family).toBe('exp');
    expect(los.mean).toBeCloseTo(4 / 24, 12);
  });
  it('lnorm: mean exp(mu + s^2/2), sd mean sqrt(exp(s^2) - 1)', () => {
    const los = stayOf('lnorm', '1;0.5', 'days');
    expect(los.mean).toBeCloseTo(Math.exp(1.125), 10);
    expect(los.sd).toBeCloseTo(Math.exp(1.125) * Math.sqrt(Math.expm1(0.25)), 10);
  });
  it('gamma: shape/rate, sd sqrt(shape)/rate', () => expect(stayOf('gamma', '4;2', 'days')).toEqual({ name: 'Blos', family: 'gamma', mean: 2, sd: 1 }));
  it('weibull: scale Gamma(1 + 1/k), shape 1 is exponential', () => {
    const los = stayOf('weibull', '1;3', 'hours');
    expect(los.family).toBe('weibull');
    expect(los.mean).toBeCloseTo(3 / 24, 12);
    expect(los.sd).toBeCloseTo(3 / 24, 12);
  });
  it('unif: (min + max)/2 and (max - min)/sqrt(12)', () => {
    const los = stayOf('unif', '2;8', 'hours');
    expect(los.mean).toBeCloseTo(5 / 24, 12);
    expect(los.sd).toBeCloseTo(6 / Math.sqrt(12) / 24, 12);
  });
  it('a transfer delay on an edge, in days', () => {
    const { model } = modelOf(network({ a: 'A,0,1,0,exp,0.5,Inf,0,NA,gamma,NA,NA,9;3,NA' }), CALENDAR, { unit: 'hours' });
    expect(model.edges![0].delay?.family).toBe('gamma');
    expect(model.edges![0].delay?.mean).toBeCloseTo(3 / 24, 14);
    expect(model.edges![0].delay?.sd).toBeCloseTo(1 / 24, 14);
  });
});

describe('the calendar file', () => {
  const calendar = (rows: string[]) => ['metric,node,start,end,value', ...rows].join('\n');
  const withB = ['cap,B,0,,3', 'ext_arr,B,0,,0'];

  it('a cycle of 12 hours is laid out twice over the day; arrivals per day are the rates integrated over the day', () => {
    const { model, notes } = modelOf(network(), calendar(['cap,A,0,4,2', 'cap,A,4,12,5', 'ext_arr,A,0,6,1', 'ext_arr,A,6,24,3', ...withB]), { unit: 'hours' });
    expect(model.nodes[0].capacity[0]).toEqual({
      name: 'BCap',
      capacity: 5,
      calendar: { cycleDays: 1, periods: [{ start: 0, end: 4 / 24, capacity: 2 }, { start: 4 / 24, end: 0.5, capacity: 5 }, { start: 0.5, end: 16 / 24, capacity: 2 }, { start: 16 / 24, end: 1, capacity: 5 }] },
    });
    expect(model.nodes[0].arrivals[0].daily[0]).toBe(6 * 1 + 18 * 3);
    expect(notes).toContain('the cap rows of A repeat every 12 hours; they are laid out 2 times to fill a day');
  });

  it('a cycle of 168 hours is a weekly cycle', () => {
    const { model } = modelOf(network(), calendar(['cap,A,0,120,5', 'cap,A,120,168,2', 'ext_arr,A,0,,1', ...withB]), { unit: 'hours' });
    expect(model.nodes[0].capacity[0].calendar).toEqual({ cycleDays: 7, periods: [{ start: 0, end: 5, capacity: 5 }, { start: 5, end: 7, capacity: 2 }] });
    expect(model.nodes[0].arrivals[0].daily[0]).toBe(24);
  });

  it('a clinic shut at the weekend: nobody arrives on days 6 and 7, and the round trip holds', () => {
    const { model } = modelOf(network(), calendar(['cap,A,0,,5', 'ext_arr,A,0,5,2', 'ext_arr,A,5,7,0', ...withB]));
    expect(model.nodes[0].arrivals[0].daily.slice(0, 8)).toEqual([2, 2, 2, 2, 2, 0, 0, 2]);
    // Weights on the shut days only let the profile pass its check: those days' means are 0.
    expect(model.nodes[0].arrivals[0].profile?.periods).toEqual([
      { start: 0, end: 1, weight: 2 }, { start: 1, end: 2, weight: 2 }, { start: 2, end: 3, weight: 2 }, { start: 3, end: 4, weight: 2 }, { start: 4, end: 5, weight: 2 },
      { start: 5, end: 6, weight: 1 }, { start: 6, end: 7, weight: 1 },
    ]);
    const exported = exportPathsimr(model, { unit: 'days' });
    if (!exported.ok) throw new Error(exported.errors.join('\n'));
    expect(exported.calendarCsv).toContain('ext_arr,A,4,5,2\next_arr,A,5,6,0\next_arr,A,6,7,0\n');
    expect(modelOf(exported.networkCsv, exported.calendarCsv).model).toStrictEqual(model);
  });

  it('refuses a cycle that divides neither a day nor a week', () => {
    expect(errorsOf(network(), calendar(['cap,A,0,4,2', 'cap,A,4,10,5', 'ext_arr,A,0,,1', ...withB]), { unit: 'hours' })).toEqual([
      "calendar.csv row 3, column \"end\": the cap rows of A repeat every 10 hours, which does not divide a day or a week: Pathflow's calendars repeat daily or weekly",
    ]);
  });

  it.each([
    ['an unknown metric', ['cap,A,0,,5', 'arrivals,A,0,,2', 'ext_arr,A,0,,2'], 'calendar.csv row 3, column "metric": "arrivals" is not cap (servers) or ext_arr (external arrival rate)'],
    ['a negative value', ['cap,A,0,,-5', 'ext_arr,A,0,,2'], 'calendar.csv row 2, column "value": the cap value -5 is negative'],
    ['a first start that is not 0', ['cap,A,1,,5', 'ext_arr,A,0,,2'], 'calendar.csv row 2, column "start": the first cap row of A starts at 1: it must start at 0'],
    ['a missing end among several rows', ['cap,A,0,,5', 'cap,A,8,24,3', 'ext_arr,A,0,,2'], 'calendar.csv row 2, column "end": A has several cap rows, so each needs an end'],
    ['all-zero capacity', ['cap,A,0,,0', 'ext_arr,A,0,,2'], 'calendar.csv row 2, column "value": every cap value of A is 0: it would never serve anyone'],
    ['a text value', ['cap,A,0,,five', 'ext_arr,A,0,,2'], 'calendar.csv row 2, column "value": "five" is not a number'],
    ['a node the network does not have', ['cap,A,0,,5', 'ext_arr,A,0,,2', 'cap,C,0,,1'], 'calendar.csv row 4, column "node": no service point of network.csv is called C'],
  ])('refuses %s', (_, rows, message) => {
    expect(errorsOf(network(), calendar([...rows, ...withB]))).toEqual([message]);
  });

  it('refuses a service point without cap rows, and a calendar where nobody arrives', () => {
    expect(errorsOf(network(), calendar(['ext_arr,A,0,,2', ...withB]))).toEqual([
      'calendar.csv: the service point A (network.csv row 2) has no cap rows; every service point needs cap and ext_arr rows',
    ]);
    expect(errorsOf(network(), calendar(['cap,A,0,,5', 'ext_arr,A,0,,0', ...withB]))).toEqual(['calendar.csv: every ext_arr rate is 0: no patient would ever arrive at any service point']);
  });

  it('rounds a fractional cap up and a warm-up up to whole days, saying so', () => {
    const { model, notes } = modelOf(network(), calendar(['cap,A,0,,2.5', 'ext_arr,A,0,,2', ...withB]), { unit: 'hours', warmup: 30 });
    expect(model.nodes[0].capacity[0].capacity).toBe(3);
    expect(model.warmupDays).toBe(2);
    expect(notes).toEqual([
      'cap 2.5 of A is rounded up to 3 servers, as PathSimR admits while fewer than 2.5 are busy',
      "the warm-up of 30 hours is rounded up to 2 whole days, as Pathflow's warm-up is whole days",
    ]);
  });
});
