/**
 * `pathflow import-pathsimr` and `pathflow export-pathsimr`, end to end through the built CLI:
 * a PathSimR pair becomes a workbook that reads back as the imported model (and runs), the
 * workbook goes back out as the pair, the broken pair is refused with every problem at its
 * row and column, exit 2 and nothing written. `npm run build` first when run alone.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPathsimr } from '../../src/pathsimr/importPathsimr.js';
import { builtCliWorkDirectory, pathflow } from '../cliHarness.js';
import { ERROR_PAIR, HAVE_PATHSIMR, MISSING_PATHSIMR, PATHSIMR_DATA, TEMPLATE_PAIRS } from '../pathsimr/templates.js';

let work: string;
beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-pathsimr-cli-');
});

const data = (path: string) => resolve(PATHSIMR_DATA, path);
const UROLOGY = TEMPLATE_PAIRS.find((pair) => pair.label === 'Urology')!;

describe.skipIf(!HAVE_PATHSIMR)(`pathflow import-pathsimr and export-pathsimr (${HAVE_PATHSIMR ? 'templates found' : MISSING_PATHSIMR})`, () => {
  it('imports Urology to a workbook that runs, and to a model.json equal to the importer\'s model', () => {
    const workbook = join(work, 'urology.xlsx');
    const imported = pathflow('import-pathsimr', data(UROLOGY.network), data(UROLOGY.calendar), '--unit', 'hours', '--days', '14', '--out', workbook);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toBe(`wrote ${workbook} (11 nodes, 20 routes)\n`);
    expect(imported.stderr).toContain('note: the external queue of GP_Ref, 9999, is read as unlimited\n');
    const run = pathflow('run', workbook, '--runs', '3', '--out', join(work, 'run'), '-q');
    expect(run.status, run.stderr).toBe(0);

    const json = join(work, 'urology.json');
    expect(pathflow('import-pathsimr', data(UROLOGY.network), data(UROLOGY.calendar), '--unit', 'hours', '--days', '14', '--out', json).status).toBe(0);
    const expected = importPathsimr(readFileSync(data(UROLOGY.network), 'utf8'), readFileSync(data(UROLOGY.calendar), 'utf8'), { unit: 'hours', days: 14, fileNames: { network: 'Urology_Network_Template.csv', calendar: 'Urology_Calendar_Template.csv' } });
    expect(expected.ok && JSON.parse(readFileSync(json, 'utf8'))).toStrictEqual(expected.ok && expected.model);
    // The workbook holds the same model: the run's model.json is the workbook's, named after it.
    const fromWorkbook = JSON.parse(readFileSync(join(work, 'run', 'model.json'), 'utf8'));
    expect({ ...fromWorkbook, name: 'Urology_Network_Template' }).toStrictEqual(expected.ok && expected.model);
  });

  it('exports the workbook back to the files PathSimR reads, in hours; importing and exporting those again gives the same bytes', () => {
    const workbook = join(work, 'urology-back.xlsx');
    expect(pathflow('import-pathsimr', data(UROLOGY.network), data(UROLOGY.calendar), '--unit', 'hours', '--out', workbook).status).toBe(0);
    const out = join(work, 'pair');
    const exported = pathflow('export-pathsimr', workbook, '--out', out);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toBe(`in hours: tell PathSimR the time unit is hours\nwrote 2 files to ${out} (network.csv, calendar.csv)\n`);
    const network = readFileSync(join(out, 'network.csv'), 'utf8');
    expect(network.split('\n')[1]).toBe('GP_Ref,0,0.5,0,0,0.15,0.35,0,0,0,0,0,unif,0.2;0.4,Inf,0,' + new Array(22).fill('NA').join(','));
    const again = join(work, 'again.xlsx');
    expect(pathflow('import-pathsimr', join(out, 'network.csv'), join(out, 'calendar.csv'), '--unit', 'hours', '--out', again).status).toBe(0);
    const original = pathflow('export-pathsimr', again, '--out', join(work, 'pair-again'));
    expect(original.status).toBe(0);
    expect(readFileSync(join(work, 'pair-again', 'network.csv'), 'utf8')).toBe(network);
    expect(readFileSync(join(work, 'pair-again', 'calendar.csv'), 'utf8')).toBe(readFileSync(join(out, 'calendar.csv'), 'utf8'));
  });

  it('refuses the broken pair with every problem at its row and column, exit 2, nothing written', () => {
    const out = join(work, 'broken.xlsx');
    const result = pathflow('import-pathsimr', data(ERROR_PAIR.network), data(ERROR_PAIR.calendar), '--unit', 'days', '--out', out);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      [
        'error: the input has 8 problems:',
        '  input_template_1 - Error.csv row 2, column "A": the transition probability "-1" is not a number from 0 to 1',
        '  input_template_1 - Error.csv row 2, column "serv_dist_param": the parameters of the service distribution (exp) are missing',
        '  input_template_1 - Error.csv row 2, column "B_delay_params": unif needs 2 parameters (min;max): the min is missing',
        '  cal_input_1 - Error.csv row 3, column "value": the cap value is missing',
        '  cal_input_1 - Error.csv row 3, column "start": starts at 11, but the cap row of A before it (row 2) ends at 10: rows run consecutively',
        '  cal_input_1 - Error.csv row 3, column "end": the end 5 is not after the start 11',
        '  cal_input_1 - Error.csv row 4, column "node": B is an exit in input_template_1 - Error.csv (row 3), and only service points have calendar rows',
        '  cal_input_1 - Error.csv: the service point A (input_template_1 - Error.csv row 2) has no ext_arr rows; every service point needs cap and ext_arr rows',
        '',
      ].join('\n'),
    );
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((name) => name.includes('broken'))).toEqual([]);
  });
});

describe('pathflow export-pathsimr refusing and the options', () => {
  it('refuses a model PathSimR cannot express, naming the node, exit 2, nothing written', () => {
    const out = join(work, 'ipacs-pair');
    const result = pathflow('export-pathsimr', resolve(import.meta.dirname, '../../examples/fictional-icb-network.json'), '--out', out);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('  fictional-icb-network.json: P1_RV: a visit node, which PathSimR does not have (its service points are servers in continuous time)\n');
    expect(existsSync(out)).toBe(false);
  });

  it('needs --unit, and refuses an --out that is neither .xlsx nor .json', () => {
    writeFileSync(join(work, 'n.csv'), 'x');
    const noUnit = pathflow('import-pathsimr', join(work, 'n.csv'), join(work, 'n.csv'));
    expect(noUnit.status).toBe(2);
    expect(noUnit.stderr).toContain("error: required option '--unit <unit>' not specified");
    const badOut = pathflow('import-pathsimr', join(work, 'n.csv'), join(work, 'n.csv'), '--unit', 'days', '--out', join(work, 'model.csv'));
    expect(badOut.status).toBe(2);
    expect(badOut.stderr).toBe(`error: --out ${join(work, 'model.csv')} must end in .xlsx (a workbook) or .json (model.json)\n`);
  });
});
