/**
 * CSV text from outside (PathSimR's templates, observed series, episode extracts) as R's
 * `read.csv` and spreadsheets see it: fields split on commas, double quotes around a field that
 * holds commas, quotes or line breaks, CRLF or LF line ends, a byte-order mark ignored, blank
 * lines skipped. Each record keeps the line it starts on, so a problem can name the row an
 * analyst sees in a spreadsheet or text editor. The one reader for every CSV Pathflow takes in.
 */

export interface CsvRecord {
  /** 1-based line of the file the record starts on (the header is line 1). */
  line: number;
  cells: string[];
}

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

export function parseCsv(text: string): CsvParse {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    // read.csv skips blank lines; a line of bare commas is a row of empty cells, and is kept.
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
  };
  while (i < source.length) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      endRecord();
      if (c === '\r' && source[i + 1] === '\n') i++;
      line++;
      recordLine = line;
    } else cell += c;
    i++;
  }
  if (quoted) return { ok: false, line: recordLine, message: 'a quoted field is never closed (a " without its partner)' };
  if (cell !== '' || cells.length > 0) endRecord();
  return { ok: true, records };
}
