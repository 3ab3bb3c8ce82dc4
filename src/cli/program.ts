/**
 * The `pathflow` command line: its commands, and running the one asked for (main.ts loads this).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from './errors.js';
import { InterruptedError } from './interrupt.js';
import { reportFormatsOption, type ReportFormat } from './reportOptions.js';
import { DEFAULT_OUTPUTS, OUTPUT_GROUPS, parseOutputs, type OutputGroup } from './runOutputs.js';
import { parseTarget, renamedTargetNote } from '../engine/serviceTarget.js';
import { formatJointTarget, JOINT_TARGET_METRICS, parseJointTarget, type CapacityRange, type JointTarget } from '../engine/network/jointTarget.js';
import { PATHFLOW_VERSION } from './version.js';
import { DEFAULT_MAX_WORKBOOK_BYTES } from '../workbook/limits.js';
import { formatIssue } from '../workbook/issues.js';
import { writtenFilesLine } from './writtenFiles.js';
import { basename } from 'node:path';
import { addServeCommand } from './serveCommand.js';
import { addUsersCommand } from './usersCommand.js';
import type { RunInput } from './runCommand.js';

// Each command's module is imported when that command runs: loading the optimiser and the
// report builders too cost `pathflow run` 30 ms of start-up. So are the workbook reader and the
// output directory (node:crypto and node:zlib among them), which a command that reads no
// workbook (`pathflow import-pathsimr`) never needs: their error classes are loaded to be
// recognised only once something has failed.

/** The --max-size default, workbookInput.ts's DEFAULT_MAX_WORKBOOK_MB, without loading the reader. */
const DEFAULT_MAX_WORKBOOK_MB = DEFAULT_MAX_WORKBOOK_BYTES / (1024 * 1024);

/**
 * Set once a command has done everything it was asked (its files committed, its threads
 * stopped): the process may then exit as soon as its output is flushed (see the end).
 */
let nothingLeftToRun = false;

/** Exit codes: 1 for a failure while running, 2 for bad input (a workbook or an option). */
const EXIT_FAILURE = 1;
const EXIT_BAD_INPUT = 2;

/*
 * Numbers on the command line are plain decimals: JavaScript's Number() would take '' as 0,
 * '0x10' as 16 and '1e3' as 1000, so a typo or a stray shell expansion would run silently
 * with a number nobody wrote.
 */
const DECIMAL_DIGITS = /^\d+$/;
const DECIMAL_NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

/** A whole number from `min` to `max`, in decimal digits; `why` explains the minimum when it is not obvious. */
function wholeNumber(option: string, min: number, max: number, why = '') {
  return (text: string): number => {
    const value = DECIMAL_DIGITS.test(text) ? Number(text) : NaN;
    if (!(value >= min && value <= max)) throw new InvalidArgumentError(`${option} must be a whole number from ${min} to ${max}${why}, not '${text}'`);
    return value;
  };
}

/** A decimal number in (`above`, `atMost`]. */
function decimalNumber(option: string, range: { above: number; atMost: number }, wording: string) {
  return (text: string): number => {
    const value = DECIMAL_NUMBER.test(text) ? Number(text) : NaN;
    const inRange = value > range.above && value <= range.atMost;
    if (!inRange) throw new InvalidArgumentError(`${option} must be ${wording}, not '${text}'`);
    return value;
  };
}

/** A calendar date as YYYY-MM-DD that exists (2026-02-30 does not). */
function isoDate(option: string) {
  return (text: string): string => {
    const time = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : NaN;
    const valid = !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
    if (!valid) throw new InvalidArgumentError(`${option} must be a date as YYYY-MM-DD, e.g. 2026-04-01, not '${text}'`);
    return text;
  };
}
const isoDateText = isoDate('--start');

const seedNumber = wholeNumber('--seed', 0, 0xffffffff);
const pathsimrWarmup = decimalNumber('--warmup', { above: -1, atMost: 1e6 }, 'a number of time units from 0, e.g. 48');
const pathsimrDays = wholeNumber('--days', 1, 3653);

const PATHSIMR_OPTIONS = ['unit', 'warmup', 'days', 'start'] as const;

/**
 * `pathflow run`'s model: one file (a workbook or model.json), or PathSimR's network and
 * calendar templates, imported in memory as `import-pathsimr` would and run in one command.
 */
function runInput(inputs: string[], options: Partial<Record<(typeof PATHSIMR_OPTIONS)[number], string | number>>): RunInput {
  const given = PATHSIMR_OPTIONS.filter((name) => options[name] !== undefined).map((name) => `--${name}`);
  const csv = inputs.filter((path) => /\.csv$/i.test(path));
  if (inputs.length === 1 && csv.length === 0) {
    if (given.length > 0) throw new UsageError(`${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} for a PathSimR pair (its network and calendar templates, two .csv files), not for ${basename(inputs[0])}`);
    return inputs[0];
  }
  if (inputs.length !== 2 || csv.length !== 2) {
    throw new UsageError(
      `run takes one model, a workbook (.xlsx) or a model.json, or PathSimR's two templates, its network .csv then its calendar .csv; got ${inputs.map((path) => basename(path)).join(', ')}`,
    );
  }
  if (options.unit === undefined) throw new UsageError("a PathSimR pair needs --unit hours or --unit days: the time unit it was built in (PathSimR's files do not say)");
  return { network: inputs[0], calendar: inputs[1], unit: options.unit as 'hours' | 'days', warmup: options.warmup as number | undefined, days: options.days as number | undefined, start: options.start as string | undefined };
}
/** readFile cannot read more than 2 GiB into one buffer. */
const maxSizeMegabytes = decimalNumber('--max-size', { above: 0, atMost: 2048 }, 'a number of megabytes more than 0 and at most 2048, e.g. 25 or 40.5');

/**
 * The app asks for the sensitivity change as a percentage, so the command line takes one too
 * (`10%`, `12.5 %`), and still takes the fraction it always has (`0.1`). A bare number of 1 or
 * more is refused, not read as a percentage: `10` could be either, and guessing would run a
 * tornado nobody asked for.
 */
function sensitivityChange(text: string): number {
  const percentage = /^(.*?)\s*%$/.exec(text)?.[1];
  const digits = percentage ?? text;
  // Shifting the decimal point in the text keeps `10%` exactly the number `0.1` is.
  const value = DECIMAL_NUMBER.test(digits) ? Number(percentage === undefined ? digits : `${digits}e-2`) : NaN;
  if (!(value > 0 && value < 1)) {
    throw new InvalidArgumentError(`--sensitivity must be a percentage above 0 and below 100, e.g. 10%, or a fraction below 1, e.g. 0.1, not '${text}'`);
  }
  return value;
}

function targetText(text: string) {
  // The limit must be a plain decimal too: Number() would take delay-days-per-patient<=0x10 as 16.
  const limit = /<=\s*(\S*)\s*$/.exec(text)?.[1];
  if (limit !== undefined && !DECIMAL_NUMBER.test(limit)) throw new InvalidArgumentError(`--target's limit must be a plain decimal number, e.g. delay-days-per-patient<=1.5, not '${limit}'`);
  try {
    const target = parseTarget(text);
    // Old scripts keep running, and are told the name their figures now go by.
    const note = renamedTargetNote(text);
    if (note) process.stderr.write(note + '\n');
    return target;
  } catch (error) {
    // A network plan's targets (delayed-per-day, blocked:NODE, queue:NODE) are told apart by their metric.
    if (/^\s*(delayed-per-day|blocked|queue)\b/.test(text)) {
      try {
        return parseJointTarget(text);
      } catch (jointError) {
        throw new InvalidArgumentError(`--target: ${(jointError as Error).message}`);
      }
    }
    throw new InvalidArgumentError(`--target: ${(error as Error).message}`);
  }
}

/** A confidence as a percentage (`95%`) or a fraction (`0.95`), above 50 % and below 100 %. */
function confidenceLevel(text: string): number {
  const percentage = /^(.*?)\s*%$/.exec(text)?.[1];
  const digits = percentage ?? text;
  const value = DECIMAL_NUMBER.test(digits) ? Number(percentage === undefined ? digits : `${digits}e-2`) : NaN;
  if (!(value > 0.5 && value < 1)) throw new InvalidArgumentError(`--confidence must be a percentage above 50 and below 100, e.g. 95%, or a fraction, e.g. 0.95, not '${text}'`);
  return value;
}

/** `P3_N=10:40,LTC_N=50:90`: each node's capacities to search, whole numbers, low:high. */
function rangeList(text: string): Record<string, CapacityRange> {
  const ranges: Record<string, CapacityRange> = {};
  for (const part of text.split(',').map((item) => item.trim()).filter(Boolean)) {
    const match = /^(.+?)=(\d+):(\d+)$/.exec(part);
    if (!match) throw new InvalidArgumentError(`--range must be NODE=LOW:HIGH in whole numbers, e.g. P3_N=10:40,LTC_N=50:90, not '${part}'`);
    if (match[1] in ranges) throw new InvalidArgumentError(`--range names ${match[1]} twice`);
    ranges[match[1]] = { low: Number(match[2]), high: Number(match[3]) };
  }
  return ranges;
}

/** A comma-separated list of names (nodes, scenarios). */
function nameList(text: string): string[] {
  return text.split(',').map((id) => id.trim()).filter(Boolean);
}

function outputsOption(text: string): OutputGroup[] {
  try {
    return parseOutputs(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

export function buildProgram(): Command {
  const program = new Command()
    .name('pathflow')
    .description('Capacity planning for Discharge to Assess pathways: simulate an IPACS workbook.')
    .version(PATHFLOW_VERSION)
    .showHelpAfterError()
    .exitOverride();

  program
    .command('run')
    .description('simulate every scenario of a workbook and write daily.csv, summary.csv, IPACS-layout CSVs and manifest.json')
    .argument('<model...>', "IPACS parameter workbook (.xlsx), a model.json, or PathSimR's network and calendar templates (two .csv files, with --unit)")
    .option('-r, --runs <n>', 'replications per scenario, 1 to 1000000', wholeNumber('--runs', 1, 1_000_000), 50)
    .option('-s, --seed <n>', 'random seed, 0 to 4294967295', seedNumber, 1)
    .option(
      '-t, --threads <n>',
      'threads, 1 to 1024, capped at the cores available and the scenarios to share out, a network component\'s scenario counting as its blocks of 8 or more replications (default: all cores for large runs, one for small ones; results are identical for any number)',
      wholeNumber('--threads', 1, 1024),
    )
    .option('-o, --out <dir>', 'output directory (default: <workbook, model or network file name>-pathflow)')
    .addOption(new Option('--compat <mode>', 'reproduce the IPACS v1 R model\'s P1 length-of-stay sampling').choices(['ipacs-v1']))
    .addOption(new Option('--initial-residual <method>', 'remaining stay of patients in service at the start').choices(['ipacs', 'stationary']).default('ipacs'))
    .option('--max-size <MB>', 'refuse workbooks larger than this, up to 2048', maxSizeMegabytes, DEFAULT_MAX_WORKBOOK_MB)
    .option('-q, --quiet', 'no progress output', false)
    .option('--report <formats>', 'also write report.html, report.pdf or report.docx (comma-separate several) into the output', reportFormatsOption)
    .option('--outputs <groups>', `the files to write, comma-separated: ${Object.entries(OUTPUT_GROUPS).map(([group, files]) => `${group} (${files})`).join(', ')}, or all (default: ${DEFAULT_OUTPUTS.join(',')})`, outputsOption)
    .addOption(new Option('--unit <unit>', "for a PathSimR pair: the time unit it was built in, as for import-pathsimr").choices(['hours', 'days']))
    .option('--warmup <n>', "for a PathSimR pair: its warm-up, in the same unit (rounded up to whole days)", pathsimrWarmup)
    .option('--days <n>', 'for a PathSimR pair: days of the horizon to simulate, 1 to 3653 (default 365)', pathsimrDays)
    .option('--start <date>', 'for a PathSimR pair: the first day of the horizon, YYYY-MM-DD (default 2026-04-01)', isoDateText)
    .action(async (inputs: string[], options) => {
      const { runCommand } = await import('./runCommand.js');
      const { outDir, result, files } = await runCommand(runInput(inputs, options), {
        runs: options.runs,
        seed: options.seed,
        threads: options.threads,
        out: options.out,
        compat: options.compat ?? 'none',
        initialResidual: options.initialResidual,
        maxSize: options.maxSize,
        quiet: options.quiet,
        report: options.report,
        outputs: options.outputs,
      });
      process.stdout.write(`${result.scenarios.length} scenarios x ${result.replications} replications x ${result.dates.length} days\n`);
      process.stdout.write(writtenFilesLine(outDir, files));
      nothingLeftToRun = true;
    });

  program
    .command('optimise')
    .description('the cost-optimal capacity of each node (or the least meeting a service target), with intervals, cost curves and sensitivity')
    .argument('<workbook>', 'IPACS parameter workbook (.xlsx), or a model.json')
    .option('-r, --runs <n>', 'replications per capacity tried, 2 to 100000', wholeNumber('--runs', 2, 100_000, ' (at least 2: intervals need a variance)'), 50)
    .option('-s, --seed <n>', 'random seed, 0 to 4294967295', seedNumber, 1)
    .option(
      '-t, --threads <n>',
      'threads, 1 to 1024, capped at the cores available and the nodes to plan (default: all cores for large runs, one for small ones; results are identical for any number)',
      wholeNumber('--threads', 1, 1024),
    )
    .addOption(new Option('--compat <mode>', 'reproduce the IPACS v1 R model\'s P1 length-of-stay sampling').choices(['ipacs-v1']))
    .option('--nodes <ids>', 'only these nodes, e.g. P2_B,P3_NS (default: all)', nameList)
    .option('--scenario <names>', 'arrival and LOS scenarios to plan for: baseline (the first of each), all, or names such as S1los,S1Arr', 'baseline')
    .addOption(new Option('--objective <objective>', 'minimise expected cost, or meet --target at least capacity (default: target when --target is given)').choices(['cost', 'target']))
    .option(
      '--target <metric<=value>',
      "service target: 'delay-days-per-patient<=1', 'p95-delayed-per-run<=5', 'p95-delayed-all-days<=10' or 'share-ever-delayed<=0.05' (docs/optimise.md defines each); for a network plan 'delayed-per-day<=2', 'blocked:P3_N<=1' or 'queue:P3_N<=1'",
      targetText,
    )
    .option('--confidence <level>', 'for a target: the confidence that the answer meets it, above 50% and below 100%', confidenceLevel, 0.95)
    .option('--max-runs <n>', 'for a target: the most replications a capacity near the answer may get (default: 16 x --runs)', wholeNumber('--max-runs', 2, 1_600_000))
    .option('--component <name>', 'plan a network component: search the capacities of --nodes together for the least system cost or a target (see docs/optimise.md)')
    .option('--range <ranges>', 'with --component: the capacities to search per node, e.g. P3_N=10:40,LTC_N=50:90 (default: 0 to twice the capacity plus 10)', rangeList)
    .addOption(
      new Option('--cost-basis <basis>', "community cost per commissioned bed or caseload place a day, or per occupied day (IPACS); default: the workbook's settings sheet cost_basis, occupied when it has none, as run and report price")
        .choices(['commissioned', 'occupied']),
    )
    .addOption(
      new Option('--sensitivity <change>', 'change in arrivals, mean LOS and capacity for the sensitivity tornado: a percentage above 0 and below 100, e.g. 10%, or a fraction, e.g. 0.1')
        .argParser(sensitivityChange)
        .default(0.1, '10%'),
    )
    .option('-o, --out <dir>', 'output directory (default: <workbook name>-optimise)')
    .addOption(new Option('--initial-residual <method>', 'remaining stay of patients in service at the start').choices(['ipacs', 'stationary']).default('ipacs'))
    .option('--max-size <MB>', 'refuse workbooks larger than this, up to 2048', maxSizeMegabytes, DEFAULT_MAX_WORKBOOK_MB)
    .option('-q, --quiet', 'no progress output', false)
    .action(async (workbook: string, options) => {
      // The two kinds of target have disjoint metric names.
      const jointTarget = options.target !== undefined && (JOINT_TARGET_METRICS as readonly string[]).includes(options.target.metric);
      if (options.component !== undefined) {
        if (options.target !== undefined && !jointTarget) throw new UsageError(`--target ${options.target.metric}<=${options.target.limit} is for one node; a network plan's targets are delayed-per-day, blocked:NODE and queue:NODE`);
        const { formatJointPlans, jointOptimiseCommand } = await import('./jointOptimiseCommand.js');
        const { outDir, plans, files } = await jointOptimiseCommand(workbook, {
          component: options.component,
          nodes: options.nodes,
          ranges: options.range,
          runs: options.runs,
          seed: options.seed,
          out: options.out,
          scenario: options.scenario,
          objective: options.objective,
          target: options.target,
          costBasis: options.costBasis,
          threads: options.threads,
          initialResidual: options.initialResidual,
          maxSize: options.maxSize,
          quiet: options.quiet,
        });
        process.stdout.write(formatJointPlans(plans) + writtenFilesLine(outDir, files));
        return;
      }
      if (options.range !== undefined) throw new UsageError('--range is for a network plan: give --component too');
      if (jointTarget) throw new UsageError(`--target ${formatJointTarget(options.target as JointTarget)} is for a network plan: give --component and --nodes`);
      const { formatPlans, optimiseCommand } = await import('./optimiseCommand.js');
      const { outDir, plans, files } = await optimiseCommand(workbook, {
        runs: options.runs,
        seed: options.seed,
        out: options.out,
        nodes: options.nodes,
        scenario: options.scenario,
        objective: options.objective,
        target: options.target,
        confidence: options.confidence,
        maxRuns: options.maxRuns,
        costBasis: options.costBasis,
        threads: options.threads,
        compat: options.compat ?? 'none',
        sensitivity: options.sensitivity,
        initialResidual: options.initialResidual,
        maxSize: options.maxSize,
        quiet: options.quiet,
      });
      process.stdout.write(formatPlans(plans, options.sensitivity) + writtenFilesLine(outDir, files));
    });

  program
    .command('backtest')
    .description('simulate the observed period and compare the delays with observed.csv (the IPACS validation plot); --calibrate infers capacity or length of stay (see docs/backtest.md)')
    .argument('<workbook>', 'IPACS parameter workbook (.xlsx), or a model.json')
    .requiredOption('--observed <file>', 'observed.csv: what happened (pathflow import sitrep or fit writes it)')
    .option('--org <codes>', 'only observed rows of these organisations, e.g. QUY (default: all)', nameList)
    .option('-r, --replications <n>', 'replications, 2 to 100000', wholeNumber('--replications', 2, 100_000, ' (at least 2: a band needs a spread)'), 100)
    .option('-s, --seed <n>', 'random seed, 0 to 4294967295', seedNumber, 1)
    .option('-t, --threads <n>', 'threads, 1 to 1024, capped at the cores available (default: all cores; results are identical for any number)', wholeNumber('--threads', 1, 1024))
    .addOption(new Option('--compat <mode>', 'reproduce the IPACS v1 R model\'s P1 length-of-stay sampling').choices(['ipacs-v1']))
    .option('--scenario <label>', "simulate each node's scenario of this label, e.g. BCap_Blos_S1Arr, where it has one (default: each node's baseline)")
    .addOption(new Option('--calibrate <parameter>', 'also infer the effective capacity or length of stay per series (calibration.csv)').choices(['capacity', 'los']))
    .option('-o, --out <dir>', 'output directory (default: <workbook name>-backtest)')
    .option('--max-size <MB>', 'refuse workbooks larger than this, up to 2048', maxSizeMegabytes, DEFAULT_MAX_WORKBOOK_MB)
    .option('-q, --quiet', 'no notes on stderr', false)
    .action(async (workbook: string, options) => {
      const { backtestCommand, formatFits } = await import('./backtestCommand.js');
      const { outDir, result, files } = await backtestCommand(workbook, {
        observed: options.observed,
        orgs: options.org,
        runs: options.replications,
        seed: options.seed,
        threads: options.threads,
        compat: options.compat ?? 'none',
        scenario: options.scenario,
        calibrate: options.calibrate,
        out: options.out,
        maxSize: options.maxSize,
        quiet: options.quiet,
      });
      process.stdout.write(formatFits(result) + writtenFilesLine(outDir, files));
    });

  program
    .command('validate')
    .description('check a workbook without running it; errors name sheet!cell')
    .argument('<workbook>', 'IPACS parameter workbook (.xlsx), or a model.json')
    .option('--max-size <MB>', 'refuse workbooks larger than this, up to 2048', maxSizeMegabytes, DEFAULT_MAX_WORKBOOK_MB)
    .action(async (workbook: string, options) => {
      const { loadModelInput } = await import('./modelFileInput.js');
      const loaded = await loadModelInput(workbook, options.maxSize);
      for (const warning of loaded.warnings) process.stderr.write(`warning: ${formatIssue(warning)}\n`);
      const { model } = loaded;
      const { scenarioCount } = await import('../engine/scenarios.js');
      const scenarios = scenarioCount(model);
      process.stdout.write(
        `${loaded.input.file}: valid. ${model.nodes.length} nodes, ${scenarios} scenarios, ${model.dates.length} days (${model.dates[0]} to ${model.dates[model.dates.length - 1]})\n`,
      );
    });
  program
    .command('import-pathsimr')
    .description("a PathSimR model (its network and calendar templates) as a Pathflow workbook with the network sheets, or model.json (see docs/pathsimr.md)")
    .argument('<network.csv>', "PathSimR's network template")
    .argument('<calendar.csv>', "PathSimR's calendar template")
    .addOption(new Option('--unit <unit>', "the time unit the PathSimR model was built in (its rates, parameters and calendar times)").choices(['hours', 'days']).makeOptionMandatory())
    .option('--warmup <n>', "PathSimR's warm-up, in the same unit (rounded up to whole days)", pathsimrWarmup)
    .option('--days <n>', 'days of the horizon to simulate, 1 to 3653 (PathSimR keeps its simulation time outside the files)', pathsimrDays, 365)
    .option('--start <date>', 'the first day of the horizon, YYYY-MM-DD', isoDateText, '2026-04-01')
    .option('-o, --out <file>', 'the model to write: a workbook (.xlsx) or model.json (.json) (default: <network name>.xlsx)')
    .action(async (network: string, calendar: string, options) => {
      const { importPathsimrCommand } = await import('./pathsimrCommands.js');
      const written = await importPathsimrCommand(network, calendar, options);
      for (const note of written.notes) process.stderr.write(`note: ${note}\n`);
      process.stdout.write(`wrote ${written.path} (${written.nodes} nodes, ${written.edges} routes)\n`);
    });
  program
    .command('import')
    .description('data from elsewhere as observed figures and a model to start from (see docs/sitrep.md)')
    .command('sitrep')
    .description("NHS England discharge sitrep webfiles (acute, community) as observed.csv, a model skeleton model.xlsx and sitrep-notes.md")
    .argument('<files...>', 'sitrep .xlsx files, e.g. one per month')
    .requiredOption('--org <codes>', 'ICB or trust codes, comma-separated, e.g. QUY or RVJ,RA7', nameList)
    .option('-o, --out <dir>', 'the directory to write into (default: sitrep-<codes>)')
    .option('--start <date>', "the model's first day, YYYY-MM-DD (default: the first month's first day)", isoDateText)
    .option('--days <n>', "the model's days, 1 to 3653 (default: to the last month's end)", wholeNumber('--days', 1, 3653))
    .action(async (files: string[], options) => {
      const { importSitrepCommand } = await import('./importSitrepCommand.js');
      const written = await importSitrepCommand(files, options);
      process.stderr.write(written.notes);
      process.stdout.write(writtenFilesLine(written.dir, written.files));
    });
  program
    .command('export-pathsimr')
    .description("a model as PathSimR's network and calendar templates, network.csv and calendar.csv, for what PathSimR can express")
    .argument('<model>', 'a workbook (.xlsx) or model.json')
    .requiredOption('-o, --out <dir>', 'the directory to write network.csv and calendar.csv into')
    .addOption(new Option('--unit <unit>', 'the time unit to write in (default: hours when a calendar changes within a day, else days)').choices(['hours', 'days']))
    .option('--max-size <MB>', 'refuse workbooks larger than this, up to 2048', maxSizeMegabytes, DEFAULT_MAX_WORKBOOK_MB)
    .action(async (modelPath: string, options) => {
      const { exportPathsimrCommand } = await import('./pathsimrCommands.js');
      const written = await exportPathsimrCommand(modelPath, options);
      for (const note of written.notes) process.stderr.write(`note: ${note}\n`);
      process.stdout.write(`in ${written.unit}: tell PathSimR the time unit is ${written.unit}\n` + writtenFilesLine(options.out, written.files));
    });
  program
    .command('fit')
    .description('fit a model to a patient-level episode extract: model.xlsx, fit.csv, observed.csv and fit.html (see docs/episodes.md)')
    .argument('<episodes>', 'episode extract: CSV, or a workbook whose first sheet holds the episodes')
    .option('-o, --out <dir>', 'output directory (default: <episodes name>-fit)')
    .option('--snapshot <date>', 'the date the initial state is taken at, YYYY-MM-DD (default: the latest date in the extract)', isoDate('--snapshot'))
    .option('--start <date>', 'the first day of the planning horizon, YYYY-MM-DD (default: the day after the snapshot)', isoDateText)
    .option('--days <n>', 'days of the planning horizon, 1 to 3653', wholeNumber('--days', 1, 3653), 181)
    .option('-s, --seed <n>', 'random seed of the forecast intervals, 0 to 4294967295', seedNumber, 1)
    .option('--no-suppress', 'show counts of 1 to 4 people in the files (withheld by default)')
    .action(async (episodes: string, options) => {
      const { fitCommand, fitNotes } = await import('./fitCommand.js');
      const { outDir, files, fit } = await fitCommand(episodes, options);
      for (const note of fitNotes(fit, options.suppress)) process.stderr.write(`note: ${note}\n`);
      process.stdout.write(writtenFilesLine(outDir, files));
    });
  program
    .command('report')
    .description('a report for a board paper from a run directory: report.html (self-contained), report.pdf (needs Chromium) or report.docx')
    .argument('<run-dir>', 'the --out directory of pathflow run')
    .option('-f, --format <formats>', 'html, pdf or docx, or several comma-separated', reportFormatsOption, ['html'] as ReportFormat[])
    .option('--scenarios <labels>', 'only these scenarios, in this order, e.g. BCap_Blos_BArr,S1Cap_Blos_BArr (default: all)', nameList)
    .option('--baseline <label>', "the scenario the whole-system differences are taken from, e.g. BCap_Blos_BArr (default: the first node's baseline)")
    .action(async (runDir: string, options: { format: ReportFormat[]; scenarios?: string[]; baseline?: string }) => {
      const { reportCommand } = await import('./reportCommand.js');
      const written = await reportCommand(runDir, { formats: options.format, scenarios: options.scenarios, baseline: options.baseline });
      process.stdout.write(writtenFilesLine(runDir, written.map((path) => basename(path))));
    });
  program
    .command('worker')
    .description('take runs from the team server\'s PostgreSQL job queue and do them (add machines for big runs; see docs/server.md)')
    .option('--database <url>', 'the PostgreSQL database, postgres://... (default: DATABASE_URL)')
    .option('--concurrency <n>', 'runs at once in this process, 1 to 64 (default: PATHFLOW_WORKERS or 1)', wholeNumber('--concurrency', 1, 64))
    .option('--threads <n>', 'simulation threads for each run, 1 to 256', wholeNumber('--threads', 1, 256), 1)
    .option('--job-expiry <seconds>', 'how long a run may take before it is taken to be lost and retried elsewhere, 1 to 86399', wholeNumber('--job-expiry', 1, 86_399), 3600)
    .addOption(new Option('--queue-check <seconds>', 'how often lost runs are looked for').argParser(wholeNumber('--queue-check', 1, 3600)).hideHelp())
    .action(async (options) => {
      const { workerCommand } = await import('./workerCommand.js');
      const fromEnvironment = process.env.PATHFLOW_WORKERS;
      if (options.concurrency === undefined && fromEnvironment !== undefined) {
        try {
          options.concurrency = wholeNumber('PATHFLOW_WORKERS', 1, 64)(fromEnvironment);
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
      }
      await workerCommand({ ...options, concurrency: options.concurrency ?? 1 });
    });
  addServeCommand(program);
  addUsersCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof InterruptedError) {
      process.stderr.write(`pathflow: ${error.message}; the output directory was left as it was\n`);
      return error.exitStatus;
    }
    const commanderError = error as { code?: string; exitCode?: number };
    if (typeof commanderError.code === 'string' && commanderError.code.startsWith('commander.')) {
      // Commander has already printed the message (or the help and version text).
      return commanderError.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    // Commander's exits, --help and --version among them, are handled above and load neither module.
    const [{ InputError }, { OutputDirectoryError }] = await Promise.all([import('./workbookInput.js'), import('./outputDirectory.js')]);
    if (error instanceof InputError) {
      process.stderr.write(`error: the input has ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}:\n`);
      for (const problem of error.problems) process.stderr.write(`  ${problem}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof OutputDirectoryError || error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

/** Resolves once what was written to `stream` before has been handed to the system (a pipe's writes may be queued). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

const status = await main(process.argv);
// After an interrupt nothing is left worth waiting for: a handle still open must not keep
// the process alive after it was asked to stop.
if (status > 128) process.exit(status);
// A finished run otherwise ends by tearing its heap down piece by piece, which nobody waits
// for: 33-225 ms (median 57) from the output directory's commit to the process's end on the
// IPACS sample, against 20-31 ms (median 25) by exiting (6 runs each, load 6). `serve` and
// the other commands that may leave work running end as before.
if (nothingLeftToRun) {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(status);
}
process.exitCode = status;
