/**
 * Every way a workbook can be refused, each on a small workbook the test builds, with the
 * exact sheet!cell of every error. Lists are compared whole, so an error reported twice or
 * a spurious follow-on error fails the test too.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeIpacsWorkbook } from '../../src/workbook/write.js';
import { MAX_EXPANSION } from '../../src/workbook/container.js';
import {
  editedWorkbook,
  editPart,
  errorsOf,
  modelOf,
  PART,
  read,
  replaceCellXml,
  setCell,
  smallModel,
  warningsOf,
  type EditableSheets,
} from './fixtures.js';

const NODE_FORM = "is not of the form P1_<locality>, P2_<locality> or P3_<locality>, nor declared in the nodes sheet";
const DATE_FORMS = 'use a date cell, an Excel serial number, YYYY-MM-DD or dd/mm/yyyy';
const RESAVE = 'the cell holds a formula with no saved result: open the workbook in Excel or LibreOffice, let it calculate, and save it again';

/** An OLE2 compound file (the container of .xls files and of encrypted .xlsx) naming one stream. */
function compoundFile(streamName: string): Uint8Array {
  const bytes = new Uint8Array(2048);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  bytes.set(
    Array.from(streamName).flatMap((character) => [character.charCodeAt(0), 0]),
    1024,
  );
  return bytes;
}

function renameSheet(sheets: EditableSheets, from: string, to: string): void {
  const renamed = [...sheets].map(([name, data]): [string, typeof data] => [name === from ? to : name, data]);
  sheets.clear();
  for (const [name, data] of renamed) sheets.set(name, data);
}

describe('a file that is not a workbook is refused with one clear error', () => {
  it('refuses a file over the size limit before parsing it', async () => {
    const workbook = await writeIpacsWorkbook(smallModel());
    expect(await errorsOf(workbook, 1000)).toEqual([`the file is ${Math.ceil(workbook.length / 1024)} KiB, over the 1000 bytes limit for a workbook`]);
    // The default limit is 25 MiB; these bytes would not even be a workbook, but size is checked first.
    expect(await errorsOf(new Uint8Array(25 * 1024 * 1024 + 1))).toEqual(['the file is 25.1 MiB, over the 25 MiB limit for a workbook']);
  });

  it('accepts a larger file when the limit is raised', async () => {
    const workbook = await writeIpacsWorkbook(smallModel());
    expect((await read(workbook, 'small.xlsx', workbook.length)).ok).toBe(true);
  });

  it('refuses an empty file', async () => {
    expect(await errorsOf(new Uint8Array(0))).toEqual(['the file is empty']);
  });

  it('refuses a CSV', async () => {
    const csv = strToU8('node,arrivals,scenario,date\nP1_A,2,BArr,2024-01-01\n');
    expect(await errorsOf(csv)).toEqual([
      'the file is text (a CSV?), not an Excel workbook: the parameters must be an .xlsx workbook with the IPACS sheets',
    ]);
  });

  it('names a PDF, an image, a web page and other documents for what they are', async () => {
    const bytes = (...parts: (string | number[])[]) => Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...strToU8(part)] : part)));
    const notAWorkbook = 'not an Excel .xlsx workbook: the parameters must be an .xlsx workbook with the IPACS sheets';
    const cases: [string, Uint8Array][] = [
      ['this is a PDF document', bytes('%PDF-1.7\n%', [0xe2, 0xe3, 0xcf, 0xd3], '\n1 0 obj\n<</Type/Catalog>>\nendobj\n')],
      ['this is a PNG image', bytes([0x89], 'PNG\r\n', [0x1a], '\n', [0, 0, 0, 13], 'IHDR')],
      ['this is a JPEG image', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF', [0])],
      ['this is a GIF image', bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0])],
      ['this is a web page (HTML)', bytes([0xef, 0xbb, 0xbf], '\n  <!DOCTYPE html>\n<html><body><table><tr><td>P1_A</td></tr></table></body></html>')],
      ['this is a web page (HTML)', bytes('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head></head></html>')],
      ['this is a Word document (.docx)', zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') })],
      ['this is a PowerPoint presentation (.pptx)', zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'ppt/presentation.xml': strToU8('<p:presentation/>') })],
      ['this is an RTF document', bytes('{\\rtf1\\ansi P1_A 2}')],
      ['this is an OpenDocument presentation (.odp)', zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.presentation') })],
      ['this is an OpenDocument text document (.odt)', zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8('<office:document-content/>') })],
    ];
    for (const [what, file] of cases) expect(await errorsOf(file), what).toEqual([`${what}, ${notAWorkbook}`]);
  });

  it('refuses random bytes', async () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256);
    expect(await errorsOf(bytes)).toEqual(['the file is not an Excel .xlsx workbook']);
  });

  it('refuses a password-protected workbook', async () => {
    expect(await errorsOf(compoundFile('EncryptedPackage'))).toEqual([
      'the workbook is password-protected (encrypted): remove the password in Excel (File > Info > Protect Workbook) and save it again',
    ]);
  });

  it('refuses a legacy .xls', async () => {
    expect(await errorsOf(compoundFile('Workbook'))).toEqual([
      'this is a legacy Excel .xls file: open it in Excel or LibreOffice and save it as an .xlsx workbook',
    ]);
  });

  it('refuses an OpenDocument spreadsheet', async () => {
    const ods = zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<office:document-content/>') });
    expect(await errorsOf(ods)).toEqual(['this is an OpenDocument spreadsheet (.ods): save it as an Excel .xlsx workbook']);
  });

  it('refuses a zip that is not a workbook', async () => {
    expect(await errorsOf(zipSync({ 'readme.txt': strToU8('hello') }))).toEqual([
      'the file is a zip archive but not an Excel workbook (it has no xl/workbook.xml)',
    ]);
  });

  it('refuses a damaged workbook', async () => {
    const workbook = await writeIpacsWorkbook(smallModel());
    expect(await errorsOf(workbook.slice(0, workbook.length / 2))).toEqual([
      'the file is damaged: it starts like an .xlsx workbook but cannot be unpacked',
    ]);
  });

  it('refuses a zip bomb: small on disk, huge unpacked', async () => {
    const bomb = zipSync({ 'xl/workbook.xml': new Uint8Array(5 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(await errorsOf(bomb, 100 * 1024)).toEqual([`the workbook unpacks to 5 MiB, over ${MAX_EXPANSION} times the 100 KiB limit for a workbook`]);
  });

  it('refuses a workbook whose sheet XML read-excel-file cannot parse', async () => {
    const workbook = editPart(await writeIpacsWorkbook(smallModel()), PART.costs, (xml) => xml.replace('<c r="B2"', '<c r="B1"'));
    const errors = await errorsOf(workbook);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^the workbook cannot be read: Out-of-place <c\/>/);
  });
});

describe('sheets and columns', () => {
  it('reports a missing sheet, naming the sheets there are', async () => {
    const workbook = await editedWorkbook((sheets) => sheets.delete('costs'));
    expect(await errorsOf(workbook)).toEqual(['costs: sheet not found (the workbook has "arrivals", "initial conditions", "capacity", "los")']);
  });

  it('matches sheet and column names ignoring case and surrounding spaces, and ignores extra sheets and columns', async () => {
    const workbook = await editedWorkbook((sheets) => {
      renameSheet(sheets, 'los', ' LOS ');
      renameSheet(sheets, 'initial conditions', 'Initial Conditions');
      setCell(sheets, ' LOS ', 'G1', ' Mean_LOS ');
      setCell(sheets, ' LOS ', 'L1', 'comment');
      setCell(sheets, ' LOS ', 'L2', 'from the 2023 audit');
      setCell(sheets, 'capacity', 'A1', 'NODE');
      sheets.set('Sheet2', [['a pivot table'], [1, 2, 3]]);
    });
    expect(await modelOf(workbook)).toStrictEqual(smallModel());
  });

  it('reports two sheets that match the same name', async () => {
    const workbook = await editedWorkbook((sheets) => sheets.set('Costs ', sheets.get('costs')!));
    expect(await errorsOf(workbook)).toEqual(['costs: 2 sheets are named "costs": "costs", "Costs "; keep one']);
  });

  it('reports an empty sheet', async () => {
    const workbook = await editedWorkbook((sheets) => sheets.set('costs', []));
    expect(await errorsOf(workbook)).toEqual(['costs: the sheet is empty: it needs a header row with the columns node, community_cost, acute_dtoc']);
  });

  it('reports missing columns, listing the header it found', async () => {
    const workbook = await editedWorkbook((sheets) => {
      setCell(sheets, 'arrivals', 'B1', 'referrals');
      setCell(sheets, 'arrivals', 'D1', 'day of year');
      setCell(sheets, 'los', 'B1', 'p50');
      setCell(sheets, 'los', 'C1', 'spread');
    });
    expect(await errorsOf(workbook)).toEqual([
      'arrivals: missing columns arrivals, date (the header, row 1, has node, referrals, scenario, day of year, day)',
      'los: missing column median (or sd_los) (the header, row 1, has node, p50, spread, IVR, FVR, scenario, mean_los, los_params, los_dist, mu, sigma)',
    ]);
  });

  it('reports a column that appears twice', async () => {
    const workbook = await editedWorkbook((sheets) => setCell(sheets, 'capacity', 'D1', 'Capacity'));
    expect(await errorsOf(workbook)).toEqual(['capacity!D1: column capacity appears twice (also in C1)']);
  });

  it('finds a header below blank rows and numbers rows as Excel does', async () => {
    const workbook = await editedWorkbook((sheets) => {
      sheets.get('costs')!.unshift([], []);
      setCell(sheets, 'costs', 'C4', -1);
    });
    expect(await errorsOf(workbook)).toEqual(['costs!C4: acute_dtoc -1 is negative']);
  });
});

describe('cells', () => {
  it('reports non-numeric arrivals, initial values, capacity, LOS and costs', async () => {
    const workbook = await editedWorkbook((sheets) => {
      setCell(sheets, 'arrivals', 'B2', 'n/a');
      setCell(sheets, 'initial conditions', 'C5', 'many');
      setCell(sheets, 'capacity', 'C2', 'lots');
      setCell(sheets, 'los', 'G2', 'long');
      setCell(sheets, 'los', 'C3', true);
      setCell(sheets, 'costs', 'B2', '£125');
      setCell(sheets, 'costs', 'C3', new Date(Date.UTC(2024, 0, 5)));
    });
    expect(await errorsOf(workbook)).toEqual([
      'arrivals!B2: arrivals "n/a" is not a number',
      'initial conditions!C5: value "many" is not a number',
      'capacity!C2: capacity "lots" is not a number',
      'los!G2: mean_los "long" is not a number',
      'los!C3: sd_los TRUE is not a number',
      'costs!B2: community_cost "£125" is not a number',
      'costs!C3: acute_dtoc holds a date (2024-01-05), not a number',
    ]);
  });

  it('refuses text and numbers that are not finite at their own cell, with no follow-on error elsewhere', async () => {
    // "1e999" is decimal text, but it overflows to Infinity: not a number the model can use.
    const asText = await editedWorkbook((sheets) => {
      setCell(sheets, 'arrivals', 'B2', '1e999');
      setCell(sheets, 'los', 'G2', '1e999');
      setCell(sheets, 'costs', 'B2', '-1e999');
    });
    expect(await errorsOf(asText)).toEqual([
      'arrivals!B2: arrivals "1e999" is not a finite number',
      'los!G2: mean_los "1e999" is not a finite number',
      'costs!B2: community_cost "-1e999" is not a finite number',
    ]);
    // A number cell whose saved value overflows reads as Infinity, refused the same way.
    const asNumber = editPart(await writeIpacsWorkbook(smallModel()), PART.los, (xml) => replaceCellXml(xml, 'G2', '<c r="G2"><v>1e999</v></c>'));
    expect(await errorsOf(asNumber)).toEqual(['los!G2: mean_los Infinity is not a finite number']);
  });

  it('reports negative arrivals, initial values, capacity, LOS and costs', async () => {
    const workbook = await editedWorkbook((sheets) => {
      setCell(sheets, 'arrivals', 'B3', -1);
      setCell(sheets, 'initial conditions', 'C2', -2);
      setCell(sheets, 'capacity', 'C4', -5);
      setCell(sheets, 'los', 'B4', -3);
      setCell(sheets, 'costs', 'C3', -346);
    });
    expect(await errorsOf(workbook)).toEqual([
      'arrivals!B3: arrivals -1 is negative',
      'initial conditions!C2: value -2 is negative',
      'capacity!C4: capacity -5 is negative',
      'los!B4: median -3 is negative',
      'costs!C3: acute_dtoc -346 is negative',
    ]);
  });

  it('reports a fractional number of patients at the start', async () => {
    const workbook = await editedWorkbook((sheets) => setCell(sheets, 'initial conditions', 'C5', 15.5));
    expect(await errorsOf(workbook)).toEqual(['initial conditions!C5: value 15.5 is not a whole number']);
  });

  it('reports blank cells where a value is needed', async () => {
    const workbook = await editedWorkbook((sheets) => {
      setCell(sheets, 'arrivals', 'B3', null);
      setCell(sheets, 'initial conditions', 'C6', null);
      setCell(sheets, 'capacity', 'C7', null);
      setCell(sheets, 'los', 'G4', null);
      setCell(sheets, 'costs', 'C4', null);
    });
    expect(await errorsOf(workbook)).toEqual([
      'arrivals!B3: arrivals is blank',
      'initial conditions!C6: value is blank',
      'capacity!C7: capacity is blank',
      'los!G4: mean_los is blank',
      'costs!C4: acute_dtoc is blank',
    ]);
  });

  it('reports a blank key cell, and the date its row no longer covers', async () => {
    const workbook = await editedWorkbook((sheets) => setCell(sheets, 'arrivals', 'A2', null));
    expect(await errorsOf(workbook)).toEqual(['arrivals: P1_A BArr has no row for 1 of the 3 dates: 2024-01-01', 'arrivals!A2: node is blank']);
  });

  it('reports a value that is not text where a name goes', async () => {
    const workbook = await editedWorkbook((sheets) => setCell(sheets, 'capacity', 'B2', true));
    expect(await errorsOf(workbook)).toEqual(['capacity!B2: scenario TRUE is not text']);
  });

  it('accepts numbers stored as text', async () => {
    const workbook = await editedWorkbook((sheets) => {
      setCell(sheets, 'capacity', 'C2', '20');
      setCell(sheets, 'arrivals', 'B3', '3.5');
      setCell(sheets, 'los', 'B2', '9');
    });
    expect(await modelOf(workbook)).toStrictEqual(smallModel());
  });
});

describe('nodes', () => {
  it('reports a node name not of the P1/P2/P3 form once per sheet, counting its rows', async () => {
    const workbook = await editedWorkbook((sheets) => {
      for (const row of [17, 18, 19]) setCell(sheets, 'arrivals', `A${row}`, 'P3-A');
      setCell(sheets, 'costs', 'A4', 'P4_A');
    });
    expect(await errorsOf(workbook)).toEqual([
      `arrivals!A17: node "P3-A" ${NODE_FORM} (and 2 more rows)`,
      'costs: node P3_A has no row (it is in the arrivals sheet)',
      `costs!A4: node "P4_A" ${NODE_FORM}`,
    ]);
  });

  it('repeats a long or control-laden name shortened and escaped, so each problem stays one short line', async () => {
    const long = 'x'.repeat(4096);
    const workbook = await editedWorkbook((sheets) => {
      setCell(sheets, 'costs', 'A4', long);
      setCell(sheets, 'los', 'A2', 'P9\tX_A');
    });
    const errors = await errorsOf(workbook);
    expect(errors).toContain(`costs!A4: node "${'x'.repeat(60)}..." (4096 characters) ${NODE_FORM}`);
    expect(errors).toContain(`los!A2: node "P9\\u0009X_A" ${NODE_FORM}`);
    for (const error of errors) expect(error.length).toBeLessThan(250);
  });

  it('reports a node in one sheet and not another, both ways', async () => {
    const workbook = await editedWorkbook((sheets) => {
      setCell(sheets, 'capacity', 'A6', 'P3_B');
      setCell(sheets, 'capacity', 'A7', 'P3_B');
      sheets.get('los')!.push(['P2_Z', 10, null, null, null, 'Blos', 20]);
    });
    expect(await errorsOf(workbook)).toEqual([
      'capacity: node P3_A has no row (it is in the arrivals sheet)',
      'capacity!A6: node P3_B is not in the arrivals sheet',
      'los!A8: node P2_Z is not in the arrivals sheet',
    ]);
  });

  it('gives each node its pathway and locality, and keeps the order of first appearance', async () => {
    const model = smallModel();
    model.nodes = [model.nodes[2], model.nodes[0], model.nodes[1]];
    model.nodes[0] = { ...model.nodes[0], id: 'P3_North Somerset', locality: 'North Somerset' };
    const read = await modelOf(await writeIpacsWorkbook(model));
    expect(read.nodes.map((node) => [node.id, node.pathway, node.locality])).toEqual([
      ['P3_North Somerset', 'P3', 'North Somerset'],
      ['P1_A', 'P1', 'A'],
      ['P2_A', 'P2', 'A'],
    ]);
  });
});

describe('length of stay', () => {
  it('reports a median not below the mean of a lognormal, as fitLos words it, naming the node and scenario', async () => {
    const workbook = await editedWorkbook((sheets) => {
      setCell(sheets, 'los', 'B2', 20);
      setCell(sheets, 'los', 'B4', 19);
    });
    expect(await errorsOf(workbook)).toEqual(['los!B2: median 20 is not below mean_los 18 (node P1_A, scenario Blos)', 'los!B4: median 19 is not below mean_los 19 (node P2_A, scenario Blos)']);
  });

  it('blames the cell that makes a LOS impossible to fit', async () => {
    const workbook = await editedWorkbook((sheets) => {
      setCell(sheets, 'los', 'I2', 'norm'); // a normal needs sd_los, and row 2 has a median only
      setCell(sheets, 'los', 'C3', null); // a lognormal needs a median or an sd_los
      setCell(sheets, 'los', 'B4', 0); // a lognormal's median must be positive
      setCell(sheets, 'los', 'C5', 0); // and so must its sd
      setCell(sheets, 'los', 'G6', 0); // the mean must be positive
    });
    expect(await errorsOf(workbook)).toEqual([
      'los!C2: a normal length of stay needs a non-negative sd_los (node P1_A, scenario Blos)',
      'los!B3: a lognormal length of stay needs a median or an sd_los beside mean_los (node P1_A, scenario S1los)',
      'los!B4: median must be above 0',
      'los!C5: sd_los 0 must be positive for a lognormal (node P2_A, scenario S1los)',
      'los!G6: mean_los 0 is below the least allowed, 0.001 days',
    ]);
  });

  it('blames the row when the sheet lacks the column to blame', async () => {
    const workbook = await editedWorkbook((sheets) => {
      // Keep the Blos rows (2, 4, 6), which have medians, and drop the sd_los column.
      const los = sheets.get('los')!.filter((_, index) => index === 0 || index % 2 === 1);
      for (const row of los) row.splice(2, 1);
      sheets.set('los', los);
      setCell(sheets, 'los', 'H2', 'norm');
    });
    expect(await errorsOf(workbook)).toEqual(['los row 2: a normal length of stay needs a non-negative sd_los (node P1_A, scenario Blos)']);
  });

  it('reports an unknown los_dist, and reads known ones in any case', async () => {
    const refused = await editedWorkbook((sheets) => setCell(sheets, 'los', 'I2', 'beta'));
    expect(await errorsOf(refused)).toEqual(['los!I2: los_dist "beta" is not lnorm, norm, exp, gamma, weibull, unif']);

    const accepted = await editedWorkbook((sheets) => {
      setCell(sheets, 'los', 'I3', 'NORM');
      setCell(sheets, 'los', 'I5', ' Exp ');
      setCell(sheets, 'los', 'I6', null);
    });
    const los = (await modelOf(accepted)).nodes.map((node) => node.los.map((scenario) => scenario.family));
    expect(los).toEqual([
      ['lnorm', 'norm'],
      ['lnorm', 'exp'],
      ['lnorm', 'lnorm'],
    ]);
  });

  it("reads PathSimR's families gamma, weibull and unif, and blames sd_los for a uniform that would start below 0 days", async () => {
    const accepted = await editedWorkbook((sheets) => {
      setCell(sheets, 'los', 'I5', 'unif');
      setCell(sheets, 'los', 'I7', 'Gamma');
      setCell(sheets, 'los', 'I2', 'WEIBULL');
      setCell(sheets, 'los', 'C2', 12);
    });
    const model = await modelOf(accepted);
    expect(model.nodes.map((node) => node.los.map((scenario) => scenario.family))).toEqual([
      ['weibull', 'lnorm'],
      ['lnorm', 'unif'],
      ['lnorm', 'gamma'],
    ]);
    expect(model.nodes[1].los[1]).toMatchObject({ mean: 11, sd: 6 });

    const refused = await editedWorkbook((sheets) => setCell(sheets, 'los', 'I3', 'unif'));
    expect(await errorsOf(refused)).toEqual([
      'los!C3: a uniform length of stay with mean_los 10 and sd_los 6 would start below 0 days (mean - √3 sd = -0.392305); sd_los can be at most 5.7735 (node P1_A, scenario S1los)',
    ]);
  });

  it('ignores the derived columns mu, sigma and los_params', async () => {
    const workbook = await editedWorkbook((sheets) => {
      setCell(sheets, 'los', 'H2', 'stale');
      setCell(sheets, 'los', 'J2', -1);
      setCell(sheets, 'los', 'K2', null);
    });
    expect(await modelOf(workbook)).toStrictEqual(smallModel());
  });

  it('reports invalid visit rates of P1 nodes and ignores the columns for P2 and P3', async () => {
    const workbook = await editedWorkbook((sheets) => {
      setCell(sheets, 'los', 'D2', 0);
      setCell(sheets, 'los', 'E3', 'x');
      setCell(sheets, 'los', 'D4', 'not used');
    });
    expect(await errorsOf(workbook)).toEqual(['los!D2: IVR must be above 0', 'los!E3: FVR "x" is not a number']);
  });

  it('warns when a P1 visit rate is blank, and leaves it to the default', async () => {
    const workbook = await editedWorkbook((sheets) => setCell(sheets, 'los', 'D2', null));
    expect(await warningsOf(workbook)).toEqual(['los!D2: IVR is blank: the default of 4 is used']);
    expect((await modelOf(workbook)).nodes[0].los[0]).toStrictEqual({ name: 'Blos', family: 'lnorm', mean: 18, median: 9, finalVisitRate: 1 });
  });

  it('warns once when the visit-rate columns are absent', async () => {
    const workbook = await editedWorkbook((sheets) => {
      for (const row of sheets.get('los')!) row.splice(3, 2);
    });
    expect(await warningsOf(workbook)).toEqual([
      'los: no IVR column: P1 nodes use the default IVR of 4',
      'los: no FVR column: P1 nodes use the default FVR of 1',
    ]);
  });
});

describe('initial conditions', () => {
  it('reads nctr as dtoc, in any case', async () => {
    const workbook = await editedWorkbook((sheets) => {
      setCell(sheets, 'initial conditions', 'B2', 'NCTR');
      setCell(sheets, 'initial conditions', 'B5', 'Occ');
    });
    expect(await modelOf(workbook)).toStrictEqual(smallModel());
  });

  it('reports an unknown measure', async () => {
    const workbook = await editedWorkbook((sheets) => setCell(sheets, 'initial conditions', 'B5', 'occupancy'));
    expect(await errorsOf(workbook)).toEqual(['initial conditions!B5: measure "occupancy" is not occ, dtoc, nctr or blocked']);
  });

  it('starts a node with no occ or no dtoc row at zero, and says so', async () => {
    const workbook = await editedWorkbook((sheets) => {
      sheets.get('initial conditions')!.splice(4, 1); // row 5: P1_A occ
      sheets.get('initial conditions')!.splice(2, 1); // row 3: P2_A dtoc
    });
    expect(await warningsOf(workbook)).toEqual([
      'initial conditions: P1_A has no occ row: it starts with nobody in service',
      'initial conditions: P2_A has no dtoc row: it starts with nobody waiting',
    ]);
    const nodes = (await modelOf(workbook)).nodes;
    expect(nodes.map((node) => node.initial)).toEqual([
      { occupied: 0, waiting: 0 },
      { occupied: 16, waiting: 0 },
      { occupied: 17, waiting: 2 },
    ]);
  });
});

describe('dates', () => {
  it('reads date cells, Excel serial numbers, ISO text and dd/mm/yyyy text alike', async () => {
    const workbook = await editedWorkbook((sheets) => {
      setCell(sheets, 'arrivals', 'D2', '2024-01-01');
      setCell(sheets, 'arrivals', 'D3', '02/01/2024');
      setCell(sheets, 'arrivals', 'D4', 45294);
      setCell(sheets, 'arrivals', 'D5', '1/1/2024');
    });
    expect(await modelOf(workbook)).toStrictEqual(smallModel());
  });

  it('reads serial numbers of a workbook using the 1904 date system', async () => {
    const days1900To1904 = 1462;
    const sheetsEdited = await editedWorkbook((sheets) => {
      // Every date as a plain number, since date cells too count from 1904 in such a workbook.
      sheets.get('arrivals')!.forEach((row, index) => {
        if (index > 0) row[3] = 45292 + ((index - 1) % 3) - days1900To1904;
      });
    });
    const workbook = editPart(sheetsEdited, 'xl/workbook.xml', (xml) => xml.replace('<workbookPr/>', '<workbookPr date1904="1"/>'));
    expect(await modelOf(workbook)).toStrictEqual(smallModel());
  });

  it('reports dates it cannot read', async () => {
    const workbook = await editedWorkbook((sheets) => {
      setCell(sheets, 'arrivals', 'D2', '2024-13-01');
      setCell(sheets, 'arrivals', 'D3', '30/02/2024');
      setCell(sheets, 'arrivals', 'D4', 45294.5);
      setCell(sheets, 'arrivals', 'D5', 12);
      setCell(sheets, 'arrivals', 'D6', new Date('2024-01-02T12:00:00Z'));
      setCell(sheets, 'arrivals', 'D7', false);
    });
    // Rows 2-7 are all of P1_A's rows: with no readable date, neither scenario is said to miss any.
    expect(await errorsOf(workbook)).toEqual([
      `arrivals!D2: date "2024-13-01" is not a date: ${DATE_FORMS}`,
      `arrivals!D3: date "30/02/2024" is not a date: ${DATE_FORMS}`,
      'arrivals!D4: date 45294.5 is not a whole day',
      `arrivals!D5: date 12 is not a date: ${DATE_FORMS}`,
      'arrivals!D6: date 2024-01-02T12:00:00.000Z is not a whole day',
      `arrivals!D7: date FALSE is not a date: ${DATE_FORMS}`,
    ]);
  });

  it('reports a node and scenario with missing dates, listing the first few', async () => {
    const workbook = await editedWorkbook((sheets) => {
      sheets.get('arrivals')!.splice(11, 1); // row 12: P2_A S1Arr 2024-01-02
    });
    expect(await errorsOf(workbook)).toEqual(['arrivals: P2_A S1Arr has no row for 1 of the 3 dates: 2024-01-02']);

    const longer = await editedWorkbook((sheets) => {
      sheets.get('arrivals')!.splice(1, 7); // rows 2-8: seven days of P1_A BArr
    }, smallModel(10));
    expect(await errorsOf(longer)).toEqual([
      'arrivals: P1_A BArr has no row for 7 of the 10 dates: 2024-01-01, 2024-01-02, 2024-01-03, 2024-01-04, 2024-01-05, ...',
    ]);
  });

  it('reports a gap in the horizon', async () => {
    const workbook = await editedWorkbook((sheets) => {
      const rows = sheets.get('arrivals')!;
      sheets.set(
        'arrivals',
        rows.filter((row) => !(row[3] instanceof Date && row[3].toISOString().startsWith('2024-01-02'))),
      );
    });
    expect(await errorsOf(workbook)).toEqual(['arrivals: no row has a date between 2024-01-01 and 2024-01-03: the days of the horizon must be consecutive']);
  });

  it('reports an arrivals sheet with no data rows', async () => {
    const workbook = await editedWorkbook((sheets) => sheets.get('arrivals')!.splice(1));
    expect(await errorsOf(workbook)).toEqual(['arrivals: the sheet has no data rows']);
  });
});

describe('duplicate rows', () => {
  it('reports a repeated key in every sheet, pointing at the first row with it', async () => {
    const workbook = await editedWorkbook((sheets) => {
      sheets.get('arrivals')!.push(['P1_A', 9, 'BArr', new Date(Date.UTC(2024, 0, 1)), 2]);
      sheets.get('initial conditions')!.push(['P2_A', 'nctr', 1]);
      sheets.get('capacity')!.push(['P1_A', 'BCap', 25]);
      sheets.get('los')!.push([...sheets.get('los')![3]]);
      sheets.get('costs')!.push(['P3_A', 1, 2]);
    });
    expect(await errorsOf(workbook)).toEqual([
      'arrivals!A20: duplicate of row 2: P1_A BArr 2024-01-01',
      'initial conditions!A8: duplicate of row 3: P2_A dtoc/nctr',
      'capacity!A8: duplicate of row 2: P1_A BCap',
      'los!A8: duplicate of row 4: P2_A Blos',
      'costs!A5: duplicate of row 4: P3_A',
    ]);
  });
});

describe('formulas', () => {
  it('reports a formula whose result was never saved', async () => {
    const workbook = await editedWorkbook((sheets) => {
      setCell(sheets, 'capacity', 'C2', { type: 'Formula', value: '=10+10' });
      // In a derived column the formula does not matter: the column is not read.
      setCell(sheets, 'los', 'J2', { type: 'Formula', value: '=LN(B2)' });
    });
    expect(await errorsOf(workbook)).toEqual([`capacity!C2: ${RESAVE}`]);
  });

  it('reports a text formula with no saved result', async () => {
    const written = await writeIpacsWorkbook(smallModel());
    const workbook = editPart(written, PART.los, (xml) => replaceCellXml(xml, 'F2', '<c r="F2" t="str"><f>"Blos"</f></c>'));
    expect(await errorsOf(workbook)).toEqual([`los!F2: ${RESAVE}`]);
  });

  it('reads a formula by its saved result', async () => {
    const written = await writeIpacsWorkbook(smallModel());
    const workbook = editPart(written, PART.capacity, (xml) => replaceCellXml(xml, 'C2', '<c r="C2"><f>10+10</f><v>20</v></c>'));
    expect(await modelOf(workbook)).toStrictEqual(smallModel());
  });

  it('reports a cell showing an Excel error', async () => {
    const written = await writeIpacsWorkbook(smallModel());
    const workbook = editPart(written, PART.arrivals, (xml) => replaceCellXml(xml, 'B2', '<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'));
    expect(await errorsOf(workbook)).toEqual(['arrivals!B2: the cell shows the error #DIV/0!']);
  });
});

describe('a workbook with many problems', () => {
  it('reports them all at once, sheet by sheet and row by row', async () => {
    const written = await editedWorkbook((sheets) => {
      setCell(sheets, 'arrivals', 'B5', -1);
      setCell(sheets, 'arrivals', 'A9', 'P9_A');
      setCell(sheets, 'initial conditions', 'B3', 'queue');
      setCell(sheets, 'capacity', 'C3', 'lots');
      setCell(sheets, 'los', 'B2', 20);
      setCell(sheets, 'los', 'D3', -4);
      sheets.get('costs')!.splice(3, 1); // P3_A
      sheets.get('costs')!.push(['P1_A', 125, 346]);
    });
    const workbook = editPart(written, PART.capacity, (xml) => replaceCellXml(xml, 'C6', '<c r="C6"><f>C4+1</f></c>'));
    expect(await errorsOf(workbook)).toEqual([
      'arrivals: P2_A BArr has no row for 1 of the 3 dates: 2024-01-02',
      'arrivals!B5: arrivals -1 is negative',
      `arrivals!A9: node "P9_A" ${NODE_FORM}`,
      'initial conditions!B3: measure "queue" is not occ, dtoc, nctr or blocked',
      'capacity!C3: capacity "lots" is not a number',
      `capacity!C6: ${RESAVE}`,
      'los!B2: median 20 is not below mean_los 18 (node P1_A, scenario Blos)',
      'los!D3: IVR -4 is negative',
      'costs: node P3_A has no row (it is in the arrivals sheet)',
      'costs!A4: duplicate of row 2: P1_A',
    ]);
  });
});

describe('the model name', () => {
  it('is the base name of the file without its extension', async () => {
    const workbook = await writeIpacsWorkbook(smallModel());
    for (const [fileName, name] of [
      ['IPACS_params.xlsx', 'IPACS_params'],
      ['C:\\plans\\Winter plan.v2.xlsx', 'Winter plan.v2'],
      ['plans/2026/bnssg', 'bnssg'],
    ]) {
      expect((await modelOf(workbook, fileName)).name).toBe(name);
    }
  });
});
