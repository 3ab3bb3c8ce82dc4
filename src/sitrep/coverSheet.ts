/**
 * A sitrep's cover sheet and Table 1: what the file covers, when it was published (the later
 * of its published and revised dates, which decides between two files holding the same day),
 * and how many organisations did not submit on each day.
 */
import { dateOf, fail, findText, textOf, type SitrepSheet } from './sitrepGrid.js';

export interface Cover {
  title: string;
  from: string;
  to: string;
  /** The later of `Published:` and `Revised:`. */
  published: string;
}

export function readCover(sheet: SitrepSheet): Cover {
  const labelled = (label: string, required: boolean) => {
    const found = findText(sheet.rows, (text) => text.toLowerCase() === `${label.toLowerCase()}:`);
    if (!found) return required ? fail(sheet, 1, 1, `no "${label}:" label on the cover sheet`) : undefined;
    const values = found.row.columns.map((column, index) => ({ column, value: found.row.values[index] })).filter(({ column }) => column > found.column);
    return { found, values };
  };
  const title = labelled('Title', true)!;
  const period = labelled('Period', true)!;
  const dates = period.values.map(({ value }) => dateOf(value)).filter((date): date is string => date !== undefined);
  if (dates.length < 2) fail(sheet, period.found.row.number, period.found.column + 1, 'the period is not two dates (from - to)');
  const published = labelled('Published', true)!;
  const publishedDate = dateOf(published.values[0]?.value ?? null) ?? fail(sheet, published.found.row.number, published.found.column + 1, 'the publication date is not a date');
  const revised = labelled('Revised', false);
  const revisedDate = revised && dateOf(revised.values[0]?.value ?? null);
  return {
    title: textOf(title.values[0]?.value ?? null) ?? '',
    from: dates[0],
    to: dates[dates.length - 1],
    published: revisedDate && revisedDate > publishedDate ? revisedDate : publishedDate,
  };
}

export interface NonSubmitters {
  date: string;
  /** NaN when the table says no data was submitted that day (`note`), which then reads as missing. */
  count: number;
  note?: string;
}

/** Table 1: the number of organisations that submitted nothing, per day. */
export function readNonSubmitters(sheet: SitrepSheet): NonSubmitters[] {
  const header = findText(sheet.rows, (text) => /^Date$/i.test(text));
  if (!header) fail(sheet, 1, 1, 'no "Date" header above the days of Table 1');
  const countColumn = header.row.columns.find((column) => column > header.column && /missing/i.test(textOf(header.row.get(column)) ?? ''));
  if (countColumn === undefined) fail(sheet, header.row.number, header.column + 1, 'no "Missing organisations" column beside "Date"');
  const days: NonSubmitters[] = [];
  for (const row of sheet.rows) {
    if (row.number <= header.row.number) continue;
    const value = row.get(header.column);
    if (value === null) continue;
    const date = dateOf(value);
    if (!date) break;
    const count = row.get(countColumn);
    // June 2022 says "NO DATA SUBMITTED DUE TO REPORTING CHANGES" for the 19th: kept as the day's note.
    const note = textOf(count);
    if (typeof count === 'number') days.push({ date, count });
    else if (note !== undefined && /\bno data\b/i.test(note)) days.push({ date, count: NaN, note });
    else fail(sheet, row.number, countColumn, `${JSON.stringify(count)} where the number of organisations was expected`);
  }
  return days;
}
