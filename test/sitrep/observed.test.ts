/**
 * sitrepObserved over several files: one series per organisation, the later publication
 * winning a figure two files hold, whatever order the files come in; the community sitrep's
 * figures kept apart from the acute ones.
 */
import { describe, expect, it } from 'vitest';
import { readSitrepFile, type SitrepFile } from '../../src/sitrep/sitrepFile.js';
import { sitrepObserved } from '../../src/sitrep/sitrepObserved.js';
import { HAVE_SITREP, MISSING_SITREP, sitrepBytes, sitrepFileNames } from './sitrepData.js';

const read = (kind: 'acute' | 'community', name: string): SitrepFile => readSitrepFile(sitrepBytes(kind, name), name);

describe.skipIf(!HAVE_SITREP)(`sitrepObserved${HAVE_SITREP ? '' : ` (${MISSING_SITREP})`}`, () => {
  it('takes a figure two files hold from the later publication, in either order', () => {
    const june = read('acute', 'june2023.xlsx');
    const revised = structuredClone(june);
    revised.fileName = 'june2023-revised.xlsx';
    revised.orgs.find((entry) => entry.org.code === 'QUY')!.daily[0].remaining += 10;
    const remaining = (files: SitrepFile[]) => sitrepObserved(files, ['QUY']).find((row) => row.date === '2023-06-01' && row.measure === 'remaining')!.value;
    const published = june.orgs.find((entry) => entry.org.code === 'QUY')!.daily[0].remaining;
    revised.cover.published = '2023-09-01';
    expect(remaining([june, revised])).toBe(published + 10);
    expect(remaining([revised, june])).toBe(published + 10);
    revised.cover.published = '2023-07-01';
    expect(remaining([june, revised])).toBe(published);
    expect(remaining([revised, june])).toBe(published);
  });

  it('makes one series of the national series and a monthly file; a day Table 1 says nobody submitted is missing', () => {
    // June 2022 has England's 19 June as 0 in Table 2, but its Table 1 says no data was submitted.
    const june = read('acute', 'june2022.xlsx');
    const series = read('acute', 'latest_time_series.xlsx');
    expect(june.nonSubmitters.find((day) => day.date === '2022-06-19')?.note).toBe('NO DATA SUBMITTED DUE TO REPORTING CHANGES');
    const forwards = sitrepObserved([june, series], ['ENGLAND']);
    expect(sitrepObserved([series, june], ['ENGLAND'])).toEqual(forwards);
    expect(sitrepObserved([june], ['QUY']).filter((row) => row.date === '2022-06-19' && row.grain === 'day' && row.pathway === 'all').map((row) => row.value)).toEqual([NaN, NaN, NaN]);
    const day = (date: string, measure: string) => forwards.filter((row) => row.grain === 'day' && row.date === date && row.measure === measure && row.pathway === 'all');
    expect(day('2022-06-19', 'remaining').map((row) => row.value)).toEqual([NaN]);
    expect(day('2022-06-20', 'remaining').map((row) => row.value)).toEqual([series.orgs[0].daily.find((figures) => figures.date === '2022-06-20')!.remaining]);
    const keys = forwards.map((row) => [row.grain, row.date, row.pathway, row.measure, row.detail].join('|'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(forwards.filter((row) => row.measure === 'delayed' && row.date === '2022-06-20').map((row) => row.pathway)).toEqual(['P1', 'P2', 'P3']);
  });

  it('merges three months into one daily series for an ICB and a trust', () => {
    const files = ['january2023.xlsx', 'february2023.xlsx', 'march2023.xlsx'].map((name) => read('acute', name));
    const rows = sitrepObserved(files, ['QUY', 'rvj']);
    for (const org of ['QUY', 'RVJ']) {
      const days = rows.filter((row) => row.org === org && row.measure === 'remaining').map((row) => row.date);
      expect(days).toHaveLength(31 + 28 + 31);
      expect(days).toEqual([...days].sort());
      expect(rows.filter((row) => row.org === org && row.measure === 'delayed')).toHaveLength(3 * 90);
    }
  });

  it("reads every community file, keeping its figures under measures of their own and deriving no delays from them", () => {
    const names = sitrepFileNames('community');
    expect(names).toHaveLength(8);
    const files = names.map((name) => read('community', name));
    for (const file of files) {
      expect(file.kind).toBe('community');
      expect(file.orgs.filter((entry) => entry.org.level === 'icb')).toHaveLength(42);
    }
    const rows = sitrepObserved(files, ['QUY']);
    expect(new Set(rows.map((row) => row.measure))).toEqual(
      new Set(['community_ctr_not_met', 'community_discharged', 'community_remaining', 'community_discharges', 'community_long_stay_14plus', 'community_delay_days_14plus', 'community_delay_days_21plus']),
    );
    const days = rows.filter((row) => row.measure === 'community_remaining');
    expect(days[0].date).toBe('2023-06-01');
    expect(days.at(-1)!.date).toBe('2024-01-31');
  });
});
