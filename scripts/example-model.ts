/**
 * The bundled example: Riverside and Downs ICB, a fictional system with three localities
 * (RV Riverside, DN Downs, CT Castleton), P1/P2/P3 in each, over the winter of 2026-27.
 *
 * Every figure is invented, but in the range a real ICB plans with, and chosen so the
 * baseline already has some delays (each node runs at 93-97 % of its capacity on average)
 * and the winter surge makes them worse. Built by formula, with no randomness, so the
 * workbook is the same on every run.
 */
import type { LosScenario, ModelSpec, NodeSpec, Pathway } from '../src/engine/model.js';

export const EXAMPLE_NAME = 'fictional-icb';
const FIRST_DATE = '2026-10-01';
const DAYS = 182;
/** The winter surge scenario S1Arr: 15 % more referrals from 1 December to 31 January. */
const SURGE = { from: '2026-12-01', to: '2027-01-31', factor: 1.15 };
/** Referrals by weekday, Sunday first, averaging 1: fewer discharges are planned at weekends. */
const WEEKDAY_FACTOR = [0.7, 1.15, 1.1, 1.05, 1.05, 1.15, 0.8];
/** England's bank holidays in the horizon see Sunday's referrals. */
const BANK_HOLIDAYS = ['2026-12-25', '2026-12-28', '2027-01-01'];
/** S1Cap: 10 % more capacity; S1los: stays 10 % shorter (same spread, so the median shrinks too). */
const CAPACITY_UPLIFT = 1.1;
const LOS_REDUCTION = 0.9;

interface NodeFigures {
  /** Mean referrals a day over a week. */
  referrals: number;
  meanLos: number;
  medianLos: number;
  /** Beds (P2, P3) or caseload (P1). */
  capacity: number;
  occupied: number;
  waiting: number;
}

const LOCALITIES = ['RV', 'DN', 'CT'] as const;

const FIGURES: Record<Pathway, Record<(typeof LOCALITIES)[number], NodeFigures>> = {
  P1: {
    RV: { referrals: 9, meanLos: 16, medianLos: 10, capacity: 150, occupied: 142, waiting: 4 },
    DN: { referrals: 6.5, meanLos: 19, medianLos: 12, capacity: 128, occupied: 121, waiting: 3 },
    CT: { referrals: 7.5, meanLos: 17, medianLos: 10.5, capacity: 135, occupied: 126, waiting: 2 },
  },
  P2: {
    RV: { referrals: 3.2, meanLos: 27, medianLos: 22, capacity: 90, occupied: 86, waiting: 5 },
    DN: { referrals: 2.4, meanLos: 29, medianLos: 24, capacity: 72, occupied: 69, waiting: 3 },
    CT: { referrals: 2.8, meanLos: 26, medianLos: 21, capacity: 78, occupied: 73, waiting: 2 },
  },
  P3: {
    RV: { referrals: 1.6, meanLos: 40, medianLos: 34, capacity: 66, occupied: 63, waiting: 4 },
    DN: { referrals: 1.2, meanLos: 44, medianLos: 37, capacity: 56, occupied: 52, waiting: 2 },
    CT: { referrals: 1.4, meanLos: 37, medianLos: 31, capacity: 54, occupied: 51, waiting: 3 },
  },
};

/** Cost a day, in pounds: P1 per visit slot used, P2/P3 per occupied bed; acute per delayed patient. */
const COMMUNITY_COST: Record<Pathway, number> = { P1: 130, P2: 155, P3: 170 };
const ACUTE_DELAY_COST = 350;

export function buildExampleModel(): ModelSpec {
  const dates = Array.from({ length: DAYS }, (_, day) => addDays(FIRST_DATE, day));
  const nodes: NodeSpec[] = [];
  for (const pathway of ['P1', 'P2', 'P3'] as const) {
    for (const locality of LOCALITIES) {
      const figures = FIGURES[pathway][locality];
      const baseline = dates.map((date) => round(figures.referrals * weekdayFactor(date), 3));
      const surge = dates.map((date, day) => (date >= SURGE.from && date <= SURGE.to ? round(baseline[day] * SURGE.factor, 3) : baseline[day]));
      const visitRates: Partial<LosScenario> = pathway === 'P1' ? { initialVisitRate: 4, finalVisitRate: 1 } : {};
      nodes.push({
        id: `${pathway}_${locality}`,
        pathway,
        locality,
        arrivals: [
          { name: 'BArr', description: 'referrals as today, fewer at weekends', daily: baseline },
          { name: 'S1Arr', description: 'winter surge: 15 % more referrals in December and January', daily: surge },
        ],
        capacity: [
          { name: 'BCap', description: 'today’s capacity', capacity: figures.capacity },
          { name: 'S1Cap', description: '10 % more capacity', capacity: Math.round(figures.capacity * CAPACITY_UPLIFT) },
        ],
        los: [
          { name: 'Blos', description: 'stays as today', family: 'lnorm', mean: figures.meanLos, median: figures.medianLos, ...visitRates },
          {
            name: 'S1los',
            description: 'stays 10 % shorter',
            family: 'lnorm',
            mean: round(figures.meanLos * LOS_REDUCTION, 2),
            median: round(figures.medianLos * LOS_REDUCTION, 2),
            ...visitRates,
          },
        ],
        initial: { occupied: figures.occupied, waiting: figures.waiting },
        costs: { community: COMMUNITY_COST[pathway], acuteDelay: ACUTE_DELAY_COST },
      });
    }
  }
  return { name: EXAMPLE_NAME, dates, nodes };
}

function weekdayFactor(date: string): number {
  return WEEKDAY_FACTOR[BANK_HOLIDAYS.includes(date) ? 0 : new Date(`${date}T00:00:00Z`).getUTCDay()];
}

function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 24 * 60 * 60 * 1000;
  return new Date(time).toISOString().slice(0, 10);
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
