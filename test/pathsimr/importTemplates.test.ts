/**
 * Every PathSimR template in ../shared imports, converted as PathSimR reads it, and the
 * deliberately broken pair is refused with every problem at its file, row and column.
 */
import { describe, expect, it } from 'vitest';
import { importPathsimr } from '../../src/pathsimr/importPathsimr.js';
import { ERROR_PAIR, HAVE_PATHSIMR, MISSING_PATHSIMR, readPair, TEMPLATE_PAIRS } from './templates.js';

describe.skipIf(!HAVE_PATHSIMR)(`PathSimR's templates (${HAVE_PATHSIMR ? 'found' : MISSING_PATHSIMR})`, () => {
  for (const pair of TEMPLATE_PAIRS) {
    it(`imports ${pair.label}`, () => {
      const { networkCsv, calendarCsv, fileNames } = readPair(pair);
      const result = importPathsimr(networkCsv, calendarCsv, { unit: pair.unit, fileNames });
      expect(result.ok ? [] : result.errors).toEqual([]);
    });
  }

  it('reads A&E in hours: Shock_room opens 3, 6 then 3 cubicles a day, arrivals shaped over the day, stays and delays in days', () => {
    const { networkCsv, calendarCsv, fileNames } = readPair(TEMPLATE_PAIRS.find((pair) => pair.label === 'A&E')!);
    const result = importPathsimr(networkCsv, calendarCsv, { unit: 'hours', fileNames });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const { model } = result;
    expect(model.nodes.map((node) => `${node.id}:${node.kind}`)).toEqual([
      'Shock_room:bed', 'Intensive_treatment:bed', 'Observation:bed', 'Emergency_yellow:bed', 'Emergency_green:bed', 'Examination:bed', 'Admission:exit', 'Discharge:exit',
    ]);
    const shock = model.nodes[0];
    expect(shock.capacity[0].calendar).toEqual({ cycleDays: 1, periods: [{ start: 0, end: 8 / 24, capacity: 3 }, { start: 8 / 24, end: 20 / 24, capacity: 6 }, { start: 20 / 24, end: 1, capacity: 3 }] });
    // 6 hours at each of 0.1725, 0.345, 0.3335 and 0.299 an hour.
    expect(shock.arrivals[0].daily[0]).toBeCloseTo(6 * (0.1725 + 0.345 + 0.3335 + 0.299), 10);
    expect(shock.arrivals[0].profile?.periods.map((p) => p.weight)).toEqual([0.1725, 0.345, 0.3335, 0.299]);
    // lnorm(-0.88056, 1.1467) hours: mean exp(mu + sigma^2/2) / 24 days.
    expect(shock.los[0].mean).toBeCloseTo(Math.exp(-0.88056 + 1.1467 ** 2 / 2) / 24, 11);
    expect(shock.queueExternal).toBe(0);
    // Intensive_treatment has no arrivals from outside (rate 0) and is fed by Shock_room.
    expect(model.nodes[1].arrivals).toEqual([]);
    const toAdmission = model.edges!.find((edge) => edge.from === 'Intensive_treatment' && edge.to === 'Admission')!;
    expect(toAdmission.probability).toBe(0.8);
    // unif(0.5, 0.5) hours: a fixed half hour.
    expect(toAdmission.delay?.family).toBe('unif');
    expect(toAdmission.delay?.mean).toBeCloseTo(0.5 / 24, 12);
    expect(toAdmission.delay?.sd).toBe(0);
    expect(model.nodes[2].queueExternal).toBe('unlimited');
    expect(result.notes).toContain('the external queue of Observation, 999, is read as unlimited');
  });

  it('reads Stroke in days: "Death " is the exit Death, exponential delays to the exits, zero internal queues', () => {
    const { networkCsv, calendarCsv, fileNames } = readPair(TEMPLATE_PAIRS.find((pair) => pair.label === 'Stroke')!);
    const result = importPathsimr(networkCsv, calendarCsv, { unit: 'days', fileNames, days: 200 });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const { model } = result;
    expect(model.dates).toHaveLength(200);
    expect(model.nodes.filter((node) => node.kind === 'exit').map((node) => node.id)).toEqual(['Complex1', 'Complex2', 'Simple1', 'Simple2', 'HomeESD', 'Home', 'Repat', 'Mimics', 'Death']);
    const hasu = model.nodes[0];
    expect(hasu.arrivals[0].daily.every((rate) => rate === 5.14)).toBe(true);
    // exp with rate 0.303030303 a day (PathSimR's 1/3.3, to 9 digits).
    expect(hasu.los[0].family).toBe('exp');
    expect(hasu.los[0].mean).toBeCloseTo(1 / 0.303030303, 10);
    expect(hasu.queueInternal).toBe(0);
    // The delay to Home is exp with rate 2 a day.
    expect(model.edges!.find((edge) => edge.from === 'HASU' && edge.to === 'Home')!.delay).toEqual({ family: 'exp', mean: 0.5 });
  });

  it('refuses the broken pair, naming each problem at its file, row and column', () => {
    const { networkCsv, calendarCsv, fileNames } = readPair(ERROR_PAIR);
    const result = importPathsimr(networkCsv, calendarCsv, { unit: 'days', fileNames });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([
      'input_template_1 - Error.csv row 2, column "A": the transition probability "-1" is not a number from 0 to 1',
      'input_template_1 - Error.csv row 2, column "serv_dist_param": the parameters of the service distribution (exp) are missing',
      'input_template_1 - Error.csv row 2, column "B_delay_params": unif needs 2 parameters (min;max): the min is missing',
      'cal_input_1 - Error.csv row 3, column "value": the cap value is missing',
      'cal_input_1 - Error.csv row 3, column "start": starts at 11, but the cap row of A before it (row 2) ends at 10: rows run consecutively',
      'cal_input_1 - Error.csv row 3, column "end": the end 5 is not after the start 11',
      'cal_input_1 - Error.csv row 4, column "node": B is an exit in input_template_1 - Error.csv (row 3), and only service points have calendar rows',
      'cal_input_1 - Error.csv: the service point A (input_template_1 - Error.csv row 2) has no ext_arr rows; every service point needs cap and ext_arr rows',
    ]);
  });
});
