#!/usr/bin/env node
/**
 * The `pathflow` command line.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { OutputDirectoryError } from './outputDirectory.js';
import { runCommand } from './runCommand.js';
import { PATHFLOW_VERSION } from './version.js';
import { scenarioCount } from '../engine/scenarios.js';
import { DEFAULT_MAX_WORKBOOK_MB, InputError, loadWorkbook } from './workbookInput.js';
import { formatIssue } from '../workbook/read.js';

/** Exit codes: 1 for a failure while running, 2 for bad input (a workbook or an option). */
const EXIT_FAILURE = 1;
const EXIT_BAD_INPUT = 2;

function positiveInteger(name: string, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1 || value > max) throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max}`);
    return value;
  };
}

function seedNumber(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new InvalidArgumentError('seed must be a whole number from 0 to 4294967295');
  return value;
}

function positiveNumber(text: string): number {
  const value = Number(text);
  if (!(value > 0)) throw new InvalidArgumentError('must be a positive number');
  return value;
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
    .argument('<workbook>', 'IPACS parameter workbook (.xlsx)')
    .option('-r, --runs <n>', 'replications per scenario', positiveInteger('runs', 1_000_000), 50)
    .option('-s, --seed <n>', 'random seed', seedNumber, 1)
    .option('-t, --threads <n>', 'threads (default: all cores for large runs, one for small ones; results are identical for any number)', positiveInteger('threads', 256))
    .option('-o, --out <dir>', 'output directory (default: <workbook name>-pathflow)')
    .addOption(new Option('--compat <mode>', 'reproduce the IPACS v1 R model\'s P1 length-of-stay sampling').choices(['ipacs-v1']))
    .addOption(new Option('--initial-residual <method>', 'remaining stay of patients in service at the start').choices(['ipacs', 'stationary']).default('ipacs'))
    .option('--max-size <MB>', 'refuse workbooks larger than this', positiveNumber, DEFAULT_MAX_WORKBOOK_MB)
    .option('-q, --quiet', 'no progress output', false)
    .action(async (workbook: string, options) => {
      const { outDir, result } = await runCommand(workbook, {
        runs: options.runs,
        seed: options.seed,
        threads: options.threads,
        out: options.out,
        compat: options.compat ?? 'none',
        initialResidual: options.initialResidual,
        maxSize: options.maxSize,
        quiet: options.quiet,
      });
      process.stdout.write(`${result.scenarios.length} scenarios x ${result.replications} replications x ${result.dates.length} days -> ${outDir}\n`);
    });

  program
    .command('validate')
    .description('check a workbook without running it; errors name sheet!cell')
    .argument('<workbook>', 'IPACS parameter workbook (.xlsx)')
    .option('--max-size <MB>', 'refuse workbooks larger than this', positiveNumber, DEFAULT_MAX_WORKBOOK_MB)
    .action(async (workbook: string, options) => {
      const loaded = await loadWorkbook(workbook, options.maxSize);
      for (const warning of loaded.warnings) process.stderr.write(`warning: ${formatIssue(warning)}\n`);
      const { model } = loaded;
      const scenarios = scenarioCount(model);
      process.stdout.write(
        `${loaded.fileName}: valid. ${model.nodes.length} nodes, ${scenarios} scenarios, ${model.dates.length} days (${model.dates[0]} to ${model.dates[model.dates.length - 1]})\n`,
      );
    });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`error: the input has ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}:\n`);
      for (const problem of error.problems) process.stderr.write(`  ${problem}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof OutputDirectoryError) {
      process.stderr.write(`error: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const commanderError = error as { code?: string; exitCode?: number };
    if (typeof commanderError.code === 'string' && commanderError.code.startsWith('commander.')) {
      // Commander has already printed the message (or the help and version text).
      return commanderError.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

process.exitCode = await main(process.argv);
