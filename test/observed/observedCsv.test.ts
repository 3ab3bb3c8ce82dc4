import { describe, expect, it } from 'vitest';
import { formatObservedCsv, parseObservedCsv } from '../../src/observed/observedCsv.js';
import type { ObservedRow } from '../../src/observed/observedSeries.js';

const rows: ObservedRow[] = [
  { grain: 'day', date: '2023-01-01', org: 'QUY', pathway: 'all', node: '', measure: 'remaining', detail: '', value: 312, basis: 'reported' },
  { grain: 'week', date: '2023-01-02', org: 'QUY', pathway: 'P2', node: '', measure: 'long_stay_14plus', detail: 'Awaiting, "P2", bed', value: 41.2857, basis: 'reported' },
  { grain: 'month', date: '2023-01-01', org: '', pathway: 'P1', node: 'P1_NS', measure: 'discharges', detail: '=HYPERLINK("x")', value: NaN, basis: 'suppressed' },
];

describe('observed.csv', () => {
  it('reads back what it writes, text that looks like a formula and quoted commas included', () => {
    const text = formatObservedCsv(rows);
    expect(text.split('\n')[0]).toBe('grain,date,org,pathway,node,measure,detail,value,basis');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    const parsed = parseObservedCsv(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows).toHaveLength(3);
    expect(parsed.rows[0]).toEqual(rows[0]);
    expect(parsed.rows[1]).toEqual(rows[1]);
    expect(parsed.rows[2].detail).toBe('=HYPERLINK("x")');
    expect(parsed.rows[2].value).toBeNaN();
  });

  it('takes columns in any order and ignores extra ones', () => {
    const text = 'value,basis,grain,date,org,pathway,node,measure,detail,note\n7,derived,day,2023-02-28,RVJ,P3,,delayed,,checked\n';
    const parsed = parseObservedCsv(text);
    expect(parsed).toEqual({ ok: true, rows: [{ grain: 'day', date: '2023-02-28', org: 'RVJ', pathway: 'P3', node: '', measure: 'delayed', detail: '', value: 7, basis: 'derived' }] });
  });

  it('names the line and column of every problem at once', () => {
    const text = ['grain,date,org,pathway,node,measure,detail,value,basis', 'fortnight,2023-02-30,QUY,P1,,delayed,,0x10,reported', 'day,2023-03-01,QUY,P1,,,,5,guessed'].join('\n');
    const parsed = parseObservedCsv(text, 'obs.csv');
    expect(parsed).toEqual({
      ok: false,
      problems: [
        'obs.csv line 2, column "grain": "fortnight" is not one of day, week, month',
        'obs.csv line 2, column "date": "2023-02-30" is not a date written yyyy-mm-dd',
        'obs.csv line 2, column "value": "0x10" is not a number (write figures in decimal, or leave the cell empty when unknown)',
        'obs.csv line 3, column "basis": "guessed" is not one of reported, derived, suppressed',
        'obs.csv line 3, column "measure": is empty',
      ],
    });
  });

  it('refuses a file without the columns it needs, naming them', () => {
    expect(parseObservedCsv('date,value\n2023-01-01,4\n')).toEqual({
      ok: false,
      problems: ['observed.csv line 1: the header lacks the columns "grain", "org", "pathway", "node", "measure", "detail", "basis"'],
    });
    expect(parseObservedCsv('')).toMatchObject({ ok: false });
  });
});
