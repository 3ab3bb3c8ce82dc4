import { describe, expect, it } from 'vitest';
import writeExcelFile, { type Cell } from 'write-excel-file/universal';
import { readEpisodeFile, readEpisodes } from '../../src/fit/readEpisodes.js';

const HEADER = 'person_id,locality,pathway,referred,started,ended,outcome';

function csv(...rows: string[]): string {
  return [HEADER, ...rows].join('\n') + '\n';
}

async function xlsx(rows: (Cell | null)[][], sheet = 'Episodes'): Promise<Uint8Array> {
  const blob = await writeExcelFile(rows, { sheet, dateFormat: 'yyyy-mm-dd' }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));

describe('reading an episode extract', () => {
  it('reads episodes with their node, dates in either form, and the open ends of people still waiting or in service', () => {
    const read = readEpisodes(
      csv('A1,North,P1,2024-01-02,2024-01-04,2024-01-20,home', 'A2,North,p 2,03/01/2024,05/01/2024,,', 'A3,South,P3,2024-01-05,,,'),
      'episodes.csv',
    );
    expect(read).toEqual({
      ok: true,
      snapshot: '2024-01-20',
      episodes: [
        { personId: 'A1', locality: 'North', pathway: 'P1', node: 'P1_North', referred: '2024-01-02', started: '2024-01-04', ended: '2024-01-20', outcome: 'home', row: 2 },
        { personId: 'A2', locality: 'North', pathway: 'P2', node: 'P2_North', referred: '2024-01-03', started: '2024-01-05', outcome: '', row: 3 },
        { personId: 'A3', locality: 'South', pathway: 'P3', node: 'P3_South', referred: '2024-01-05', outcome: '', row: 4 },
      ],
    });
  });

  it('takes header names in any case, with spaces for underscores, in any order, and ignores other columns', () => {
    const text = 'Pathway,Person ID,LOCALITY,Referred,Started,Ended,NHS number\nP1,A1,North,2024-01-02,2024-01-03,,x\n';
    const read = readEpisodes(text, 'e.csv', { snapshot: '2024-02-01' });
    expect(read).toEqual({ ok: true, snapshot: '2024-02-01', episodes: [expect.objectContaining({ personId: 'A1', node: 'P1_North', started: '2024-01-03', outcome: '' })] });
  });

  it('reports every problem of every row at once, row by row, each at its row and column', () => {
    const read = readEpisodes(
      csv(
        'A1,North,P1,2024-01-02,2024-01-01,,', // started before referred
        'A2,North,P4,2024-13-01,,,', // unknown pathway, bad date
        ',North,P1,2024-01-02,2024-01-05,2024-01-03,', // missing person_id, ended before started
        'A1,North,P2,2024-01-02,,,', // duplicate of row 2
        'A5,,P1,,,2024-01-09,', // missing locality, referred; ended without started
      ),
      'episodes.csv',
    );
    expect(read).toEqual({
      ok: false,
      problems: [
        'episodes.csv row 2, column "started": 2024-01-01 is before the referral on 2024-01-02',
        'episodes.csv row 3, column "pathway": "P4" is not a pathway; write P1, P2 or P3',
        'episodes.csv row 3, column "referred": "2024-13-01" is not a date; write yyyy-mm-dd or dd/mm/yyyy',
        'episodes.csv row 4, column "person_id": is empty; every episode needs a person_id',
        'episodes.csv row 4, column "ended": 2024-01-03 is before the start on 2024-01-05',
        'episodes.csv row 5: duplicate episode: person_id "A1" referred on 2024-01-02 is already at row 2',
        'episodes.csv row 6, column "locality": is empty; every episode needs a locality',
        'episodes.csv row 6, column "referred": is empty; every episode needs the date it was referred',
        'episodes.csv row 6, column "ended": the stay ended on 2024-01-09 but has no start date; fill in started',
      ],
    });
  });

  it('lists the first 200 problems and counts the rest', () => {
    const rows = Array.from({ length: 250 }, (_, i) => `A${i},North,P9,2024-01-01,,,`);
    const read = readEpisodes(csv(...rows), 'e.csv');
    if (read.ok) throw new Error('read a file of unknown pathways');
    expect(read.problems).toHaveLength(201);
    expect(read.problems[199]).toBe('e.csv row 201, column "pathway": "P9" is not a pathway; write P1, P2 or P3');
    expect(read.problems[200]).toBe('... and 50 more problems');
  });

  it('refuses dates after the snapshot date, each at its cell', () => {
    const read = readEpisodes(csv('A1,North,P1,2024-01-02,2024-01-04,2024-02-02,', 'A2,North,P1,2024-02-03,,,'), 'episodes.csv', { snapshot: '2024-01-31' });
    expect(read).toEqual({
      ok: false,
      problems: ['episodes.csv row 2, column "ended": 2024-02-02 is after the snapshot date 2024-01-31', 'episodes.csv row 3, column "referred": 2024-02-03 is after the snapshot date 2024-01-31'],
    });
  });

  it('refuses a file without the columns of the format, an empty file, a header alone and an unclosed quote', () => {
    expect(readEpisodes('person_id,pathway,referred,outcome\nA1,P1,2024-01-01,\n', 'e.csv')).toEqual({
      ok: false,
      problems: ['e.csv row 1: the header lacks the columns "locality", "started", "ended"'],
    });
    expect(readEpisodes('', 'e.csv')).toEqual({ ok: false, problems: ['e.csv: is empty; expected a header row person_id,locality,pathway,referred,started,ended,outcome'] });
    expect(readEpisodes(csv(), 'e.csv')).toEqual({ ok: false, problems: ['e.csv: has a header but no episodes'] });
    expect(readEpisodes(csv('A1,"North,P1,2024-01-01,,,'), 'e.csv')).toEqual({ ok: false, problems: ['e.csv row 2: a quoted field is never closed (a " without its partner)'] });
    expect(readEpisodes(csv('A1,North,P1,2024-01-01,,,'), 'e.csv', { snapshot: '31/01/2024' })).toEqual({
      ok: false,
      problems: ['the snapshot date "31/01/2024" is not a date written yyyy-mm-dd'],
    });
  });

  it('reads the first sheet of a workbook, with date cells, text dates and serial numbers', async () => {
    const header = ['person_id', 'locality', 'pathway', 'referred', 'started', 'ended', 'outcome'].map((value) => ({ value }));
    const data = await xlsx([
      header,
      [{ value: 'A1' }, { value: 'North' }, { value: 'P1' }, { value: utc(2024, 1, 2), type: Date }, { value: '04/01/2024' }, { value: 45311 }, { value: 'home' }],
      [{ value: 42 }, { value: 'South' }, { value: 'P3' }, { value: utc(2024, 1, 5), type: Date }, null, null, null],
    ]);
    expect(readEpisodeFile(data, 'episodes.xlsx')).toEqual({
      ok: true,
      snapshot: '2024-01-20',
      episodes: [
        { personId: 'A1', locality: 'North', pathway: 'P1', node: 'P1_North', referred: '2024-01-02', started: '2024-01-04', ended: '2024-01-20', outcome: 'home', row: 2 },
        { personId: '42', locality: 'South', pathway: 'P3', node: 'P3_South', referred: '2024-01-05', outcome: '', row: 3 },
      ],
    });
  });

  it("names a workbook's problems by sheet and cell", async () => {
    const header = ['person_id', 'locality', 'pathway', 'referred', 'started', 'ended', 'outcome'].map((value) => ({ value }));
    const data = await xlsx(
      [
        header,
        [{ value: 'A1' }, { value: 'North' }, { value: 'P9' }, { value: 'soon' }, null, null, null],
        [{ value: 'A2' }, { value: 'North' }, { value: 'P1' }, { value: utc(2024, 1, 9), type: Date }, { value: utc(2024, 1, 8), type: Date }, { value: 45300.5 }, null],
      ],
      'My extract',
    );
    expect(readEpisodeFile(data, 'episodes.xlsx')).toEqual({
      ok: false,
      problems: [
        `episodes.xlsx 'My extract'!C2 (pathway): "P9" is not a pathway; write P1, P2 or P3`,
        `episodes.xlsx 'My extract'!D2 (referred): "soon" is not a date: use a date cell, an Excel serial number, YYYY-MM-DD or dd/mm/yyyy`,
        `episodes.xlsx 'My extract'!E3 (started): 2024-01-08 is before the referral on 2024-01-09`,
        `episodes.xlsx 'My extract'!F3 (ended): 45300.5 is not a whole day`,
      ],
    });
  });

  it('refuses a legacy .xls and a damaged workbook by what they are, and reads other bytes as CSV text', () => {
    const legacy = readEpisodeFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), 'old.xls');
    expect(legacy).toEqual({ ok: false, problems: ['old.xls: this is a legacy Excel .xls file: open it in Excel or LibreOffice and save it as an .xlsx workbook'] });
    const damaged = readEpisodeFile(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]), 'bad.xlsx');
    expect(damaged).toEqual({ ok: false, problems: ['bad.xlsx: the file is damaged: it starts like an .xlsx workbook but cannot be unpacked'] });
    expect(readEpisodeFile(new TextEncoder().encode('\uFEFF' + csv('A1,North,P1,2024-01-01,,,')), 'e.csv')).toMatchObject({ ok: true, snapshot: '2024-01-01' });
  });
});
