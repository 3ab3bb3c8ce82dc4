/**
 * The Real data tab's worker tasks and downloads in Node: only aggregates leave the worker
 * (no person id in what it posts), small counts are withheld from downloads unless switched
 * off, and bad input is refused with its place named.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BacktestResult } from '../../src/backtest/backtest.js';
import { parseCsv } from '../../src/csv/records.js';
import { backtestFiles, episodeFitCsv, episodeObservedCsv } from '../../src/web/realData/realDataDownloads.js';
import { episodeFit, sitrepOrgs, type EpisodeFitAnswer } from '../../src/web/realData/realDataTasks.js';

const EPISODES_PATH = new URL('../../examples/fictional-episodes.csv', import.meta.url);
const episodesText = readFileSync(EPISODES_PATH, 'utf8');
const bytes = (text: string) => new TextEncoder().encode(text);

function fitted(): EpisodeFitAnswer {
  const answer = episodeFit({ name: 'fictional-episodes.csv', bytes: bytes(episodesText) }, 1);
  if (!answer.ok) throw new Error(answer.problems.join('\n'));
  return answer;
}

/** observed.csv's values, as numbers; empty cells (withheld) as NaN. */
function observedValues(csv: string): { value: number; basis: string }[] {
  const parsed = parseCsv(csv);
  if (!parsed.ok) throw new Error('unreadable CSV');
  const [header, ...rows] = parsed.records.map((record) => record.cells);
  const value = header.indexOf('value');
  const basis = header.indexOf('basis');
  return rows.map((row) => ({ value: row[value] === '' ? NaN : Number(row[value]), basis: row[basis] }));
}

describe('the Real data worker tasks', () => {
  const answer = fitted();

  it('posts the fit of the bundled extract with none of its person ids', { timeout: 120_000 }, () => {
    expect(answer.fit.nodes).toHaveLength(9);
    const ids = episodesText.trim().split('\n').slice(1).map((line) => line.split(',')[0]);
    expect(ids.length).toBeGreaterThan(1000);
    const posted = JSON.stringify(answer);
    expect(ids.filter((id) => posted.includes(id))).toEqual([]);
  });

  it('refuses an extract with problems, each at its row and column', () => {
    const bad = 'person_id,locality,pathway,referred,started,ended,outcome\nA1,North,P9,2025-01-02,,,\nA2,North,P1,2025-01-05,2025-01-04,,\n';
    const refused = episodeFit({ name: 'bad.csv', bytes: bytes(bad) }, 1);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problems).toHaveLength(2);
    expect(refused.problems[0]).toMatch(/^bad\.csv.*row 2.*pathway/);
    expect(refused.problems[1]).toMatch(/^bad\.csv.*row 3/);
  });

  it('refuses a file that is not a sitrep workbook, naming it', () => {
    const refused = sitrepOrgs([{ name: 'notes.xlsx', bytes: bytes('not a zip') }]);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems[0]).toContain('notes.xlsx');
  });
});

describe('downloads from the Real data tab', () => {
  const { fit } = fitted();

  it('withholds counts of 1 to 4 from observed.csv by default, and gives them when switched off', () => {
    const withheld = observedValues(episodeObservedCsv(fit, true));
    const given = observedValues(episodeObservedCsv(fit, false));
    expect(withheld).toHaveLength(given.length);
    const small = given.filter((row) => row.value >= 1 && row.value <= 4).length;
    expect(small).toBeGreaterThan(0);
    expect(withheld.filter((row) => row.value >= 1 && row.value <= 4)).toEqual([]);
    expect(withheld.filter((row) => row.basis === 'suppressed')).toHaveLength(small);
  });

  it('marks withheld counts in fit.csv only when suppression is on', () => {
    expect(episodeFitCsv(fit, true)).not.toBe(episodeFitCsv(fit, false));
  });

  it('leaves observed figures of 1 to 4 from episodes empty in backtest.csv, and sitrep figures as published', () => {
    const point = (observed: number) => ({ grain: 'day' as const, date: '2025-01-01', observed, window: { first: 0, count: 1 }, simMean: 2, simLow: 0, simHigh: 5, inside: true });
    const result: BacktestResult = {
      scenarios: [],
      calibrations: [],
      notes: [],
      fits: [{ name: 'P1_North', points: [point(3), point(0), point(12)], skipped: { suppressed: 0, outsideHorizon: 0, missing: 0 }, coverage: 1, bias: 0, mae: 0, rmse: 0 }],
    };
    const observedColumn = (csv: string) => csv.trim().split('\n').slice(1).map((line) => line.split(',')[3]);
    expect(observedColumn(backtestFiles(result, true, true)['backtest.csv'])).toEqual(['', '0', '12']);
    expect(observedColumn(backtestFiles(result, true, false)['backtest.csv'])).toEqual(['3', '0', '12']);
    expect(observedColumn(backtestFiles(result, false, true)['backtest.csv'])).toEqual(['3', '0', '12']);
  });
});
