/**
 * `pathflow import-pathsimr` and `pathflow export-pathsimr`, end to end through the built CLI:
 * a PathSimR pair becomes a workbook that reads back as the imported model (and runs), the
 * workbook goes back out as the pair, the broken pair is refused with every problem at its
 * row and column, exit 2 and nothing written; `pathflow run` takes the pair itself, in one command,
 * and writes what the two commands would. `npm run build` first when run alone.
 */
import { createHash } from 'node:crypto';
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

describe.skipIf(!HAVE_PATHSIMR)(`pathflow run on a PathSimR pair (${HAVE_PATHSIMR ? 'templates found' : MISSING_PATHSIMR})`, () => {
  it('writes the files importing the pair and running the workbook writes; the manifest names both templates and the unit', () => {
    const pair = [data(UROLOGY.network), data(UROLOGY.calendar)];
    const importOptions = ['--unit', 'hours', '--warmup', '48', '--days', '14', '--start', '2026-05-04'];
    const workbook = join(work, 'urology-two.xlsx');
    expect(pathflow('import-pathsimr', ...pair, ...importOptions, '--out', workbook).status).toBe(0);
    const two = join(work, 'run-two');
    expect(pathflow('run', workbook, '--runs', '4', '--outputs', 'all', '--out', two, '-q').status).toBe(0);
    const one = join(work, 'run-one');
    const run = pathflow('run', ...pair, ...importOptions, '--runs', '4', '--outputs', 'all', '--out', one, '-q');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('note: the external queue of GP_Ref, 9999, is read as unlimited\n');
    expect(run.stdout.split('\n')[0]).toBe('11 scenarios x 4 replications x 14 days');

    const files = readdirSync(one).sort();
    expect(files).toEqual(readdirSync(two).sort());
    for (const file of files.filter((name) => name !== 'manifest.json' && name !== 'model.json')) {
      expect(readFileSync(join(one, file)).equals(readFileSync(join(two, file))), file).toBe(true);
    }
    // The same model; each is named after the file it came from.
    const model = (dir: string) => JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(model(one).name).toBe('Urology_Network_Template');
    expect({ ...model(two), name: 'Urology_Network_Template' }).toStrictEqual(model(one));

    const identity = (path: string) => ({ file: path.split('/').pop(), sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), bytes: readFileSync(path).length });
    const manifest = JSON.parse(readFileSync(join(one, 'manifest.json'), 'utf8'));
    expect(manifest.input).toEqual(identity(pair[0]));
    expect(manifest.imported).toEqual({ from: 'pathsimr', calendar: identity(pair[1]), unit: 'hours', warmup: 48 });
    expect([manifest.firstDate, manifest.days]).toEqual(['2026-05-04', 14]);
    expect(JSON.parse(readFileSync(join(two, 'manifest.json'), 'utf8')).imported).toBeUndefined();
  });

  it('refuses the broken pair as import-pathsimr does, exit 2, no output directory', () => {
    const out = join(work, 'broken-run');
    const result = pathflow('run', data(ERROR_PAIR.network), data(ERROR_PAIR.calendar), '--unit', 'days', '--out', out);
    const imported = pathflow('import-pathsimr', data(ERROR_PAIR.network), data(ERROR_PAIR.calendar), '--unit', 'days', '--out', join(work, 'broken-run.xlsx'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('  input_template_1 - Error.csv row 2, column "A": the transition probability "-1" is not a number from 0 to 1\n');
    expect(result.stderr).toBe(imported.stderr);
    expect(existsSync(out)).toBe(false);
  });
});

describe('pathflow run: a model or a PathSimR pair, and the options for each', () => {
  it('refuses a pair without --unit, a lone .csv, three files, and the import options with a workbook', () => {
    writeFileSync(join(work, 'n.csv'), 'x');
    writeFileSync(join(work, 'c.csv'), 'x');
    const out = join(work, 'never');
    const noUnit = pathflow('run', join(work, 'n.csv'), join(work, 'c.csv'), '--out', out);
    expect(noUnit.status).toBe(2);
    expect(noUnit.stderr).toBe("error: a PathSimR pair needs --unit hours or --unit days: the time unit it was built in (PathSimR's files do not say)\n");
    const lone = pathflow('run', join(work, 'n.csv'), '--unit', 'days', '--out', out);
    expect(lone.status).toBe(2);
    expect(lone.stderr).toBe("error: run takes one model, a workbook (.xlsx) or a model.json, or PathSimR's two templates, its network .csv then its calendar .csv; got n.csv\n");
    const three = pathflow('run', join(work, 'n.csv'), join(work, 'c.csv'), join(work, 'n.csv'), '--unit', 'days', '--out', out);
    expect(three.status).toBe(2);
    expect(three.stderr).toContain('got n.csv, c.csv, n.csv\n');
    const example = resolve(import.meta.dirname, '../../examples/fictional-icb.xlsx');
    const withWorkbook = pathflow('run', example, '--unit', 'days', '--days', '30', '--out', out);
    expect(withWorkbook.status).toBe(2);
    expect(withWorkbook.stderr).toBe('error: --unit, --days are for a PathSimR pair (its network and calendar templates, two .csv files), not for fictional-icb.xlsx\n');
    expect(existsSync(out)).toBe(false);
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
