// PathSimR's Use Case Library end to end, as an analyst moving from PathSimR runs it, both
// ways: the template pair run in one command (`pathflow run network.csv calendar.csv --unit
// ...`: imported in memory), and imported to a workbook (`pathflow import-pathsimr`) then run
// (`pathflow run model.xlsx`); 100 replications, the CSVs and manifest written, each case
// over its published window with the warm-up docs/pathsimr-differences.md uses. Target: under
// a second per case. The two orders alternate within each repeat, so the VM's drift falls on both.
//
// The run takes the threads the command chooses, as an analyst who does not pass --threads
// gets, and the figure names them (from manifest.json): each case is one network component in
// one scenario, a single task, so one thread (the bench used to pass --threads 2,
// whose second thread then had nothing to run).
//
// PathSimR's own time for the same work is not in its documentation (../shared/data/pathsimr/
// docs/text: the Shiny app shows a progress bar, no figures), so it was measured once with
// bench/pathsimr-r (PathSimR's own simulation handler run under R 4.2.2 from Debian, its one
// worker on this 2-core machine; method and load in bench/README.md, "PathSimR's own time").
// The figures are recorded, not re-measured by the bench: R is not a dependency.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const CASES = [
  { id: 'AandE', title: 'A&E', unit: 'hours', window: 168, warmup: 168, network: 'A&E_Network_Template.csv', calendar: 'A&E_Calendar_Template.csv' },
  { id: 'Stroke', title: 'Stroke', unit: 'days', window: 365, warmup: 180, network: 'Stroke_Network_Template.csv', calendar: 'Stroke_Calendar_Template.csv' },
  { id: 'Urology', title: 'Urology', unit: 'hours', window: 168, warmup: 672, network: 'Urology_Network_Template.csv', calendar: 'Urology_Calendar_Template.csv' },
];
/** PathSimR's own time for each case's work, measured with bench/pathsimr-r (see bench/README.md). */
export const PATHSIMR_SECONDS = {
  AandE: '1,056 s wall at load 5-12 (382 CPU s, 372 of them on its one worker), 100 replications, R 4.2.2, measured 6 Dec 2026 with bench/pathsimr-r',
  Stroke: '926 s wall at load 1-2 (889 CPU s, 878 of them on its one worker), 100 replications, R 4.2.2, measured 6 Dec 2026 with bench/pathsimr-r',
  Urology: 'about 3 hours (an estimate, scaled from 3 replications: 322 CPU s, 590 s wall at load 2-5; some 105 CPU s a replication), R 4.2.2, 6 Dec 2026, bench/pathsimr-r',
};

function timed(cli, args) {
  const started = performance.now();
  const child = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`pathflow ${args[0]} failed: ${child.stderr}`);
  return seconds;
}

/**
 * The application calls the CLI makes, in process on one thread, without files or process
 * start: importPathsimr on the templates' text, then runModel, 100 replications.
 */
async function inProcess(root, c, templates, repeats, stats) {
  const { importPathsimr } = await import(join(root, 'dist/pathsimr/importPathsimr.js'));
  const { runModel } = await import(join(root, 'dist/engine/run.js'));
  const network = readFileSync(join(templates, c.network), 'utf8');
  const calendar = readFileSync(join(templates, c.calendar), 'utf8');
  const days = c.unit === 'hours' ? c.window / 24 : c.window;
  // CPU seconds beside wall seconds: on a shared machine the wall clock also counts the time other processes had the core.
  const once = async () => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const imported = importPathsimr(network, calendar, { unit: c.unit, warmup: c.warmup, days });
    if (!imported.ok) throw new Error(imported.errors.join('; '));
    await runModel(imported.model, { replications: 100, seed: 1 });
    const used = process.cpuUsage(cpu);
    return { wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
  };
  await once(); // compile and warm the code paths
  const times = [];
  for (let i = 0; i < repeats; i++) times.push(await once());
  return { wall: stats(times.map((t) => t.wall)), cpu: stats(times.map((t) => t.cpu)) };
}

/** Per case: the import, the run and both together (min / median / max over `repeats`); undefined without ../shared. */
export async function pathsimrCases(root, repeats, stats) {
  const data = resolve(root, '../shared/data/pathsimr');
  if (!existsSync(data)) return undefined;
  const cli = join(root, 'dist/cli/main.js');
  const figures = {};
  for (const c of CASES) {
    const templates = join(data, c.id, 'templates');
    const days = String(c.unit === 'hours' ? c.window / 24 : c.window);
    const work = mkdtempSync(join(tmpdir(), 'pathflow-bench-pathsimr-'));
    const model = join(work, 'model.xlsx');
    const importArgs = ['import-pathsimr', join(templates, c.network), join(templates, c.calendar), '--unit', c.unit, '--warmup', String(c.warmup), '--days', days, '--out', model];
    const runArgs = (i) => ['run', model, '--runs', '100', '--out', join(work, `run${i}`), '-q'];
    const oneCommandArgs = (i) => ['run', ...importArgs.slice(1, -2), '--runs', '100', '--out', join(work, `one${i}`), '-q'];
    timed(cli, importArgs); // warm the file cache
    timed(cli, runArgs('warm'));
    timed(cli, oneCommandArgs('warm'));
    const { threads } = JSON.parse(readFileSync(join(work, 'runwarm', 'manifest.json'), 'utf8'));
    const imports = [];
    const runs = [];
    const oneCommand = [];
    for (let i = 0; i < repeats; i++) {
      if (i % 2 === 0) oneCommand.push(timed(cli, oneCommandArgs(i)));
      imports.push(timed(cli, importArgs));
      runs.push(timed(cli, runArgs(i)));
      if (i % 2 === 1) oneCommand.push(timed(cli, oneCommandArgs(i)));
    }
    rmSync(work, { recursive: true, force: true });
    const engine = await inProcess(root, c, templates, repeats, stats);
    figures[c.id] = { title: c.title, import: stats(imports), run: stats(runs), total: stats(imports.map((s, i) => s + runs[i])), oneCommand: stats(oneCommand), inProcess: engine, unit: 's', replications: 100, threads, target: 1, pathsimr: PATHSIMR_SECONDS[c.id] };
  }
  return figures;
}
