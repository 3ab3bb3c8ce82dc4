/**
 * One fuzz case through the built `pathflow` command, in a child process with a heap bound,
 * a resident-memory bound and a time bound, and what it did wrong, if anything.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FuzzCase } from './mutations.js';

/**
 * The bounds. The example needs about 160 MB resident and under a second; a workbook may
 * lawfully unpack to 1000 MiB (40 times the 25 MiB file limit), so the bounds leave room for
 * that and no more. The time bound is generous because the CI machine is a busy 2-core VM
 * running two cases at once; it says "it hung", not how fast Pathflow is.
 */
export const HEAP_BOUND_MB = 1024;
export const RESIDENT_BOUND_MB = 2048;
export const TIME_BOUND_MS = 60_000;
/** How long a stopped case has to clean up after SIGTERM. */
const STOP_GRACE_MS = 5_000;
/** A line longer than this is not a one-line message someone can read. */
export const LONGEST_LINE = 500;
const KEEP_OUTPUT = 1024 * 1024;

export interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the process passed RESIDENT_BOUND_MB and was stopped. */
  overMemoryMB?: number;
  peakResidentMB: number;
  seconds: number;
  /** What was in the case's directory afterwards, besides the input. */
  leftBehind: string[];
  /** For a run that succeeded: what is wrong with the output directory. */
  outputProblems: string[];
}

/** Resident memory of a process in MB, from /proc (Linux); undefined elsewhere or once it has gone. */
function residentMB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export async function runCliCase(cli: string, fuzzCase: FuzzCase, directory: string): Promise<Outcome> {
  mkdirSync(join(directory, 'in'), { recursive: true });
  const input = join(directory, 'in', fuzzCase.fileName);
  writeFileSync(input, fuzzCase.bytes);
  const out = join(directory, 'out');
  const args = [`--max-old-space-size=${HEAP_BOUND_MB}`, cli, fuzzCase.command, input];
  if (fuzzCase.command === 'run') args.push('--runs', '2', '--out', out, '-q');

  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    if (stdout.length < KEEP_OUTPUT) stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < KEEP_OUTPUT) stderr += chunk;
  });
  let timedOut = false;
  let overMemoryMB: number | undefined;
  let peakResidentMB = 0;
  let killer: NodeJS.Timeout | undefined;
  // SIGTERM first, as a user's Ctrl-C or a scheduler would stop it, so it can clean up; then SIGKILL.
  const stop = () => {
    child.kill('SIGTERM');
    killer ??= setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, TIME_BOUND_MS);
  const watcher = setInterval(() => {
    const resident = child.pid === undefined ? undefined : residentMB(child.pid);
    if (resident === undefined) return;
    peakResidentMB = Math.max(peakResidentMB, resident);
    if (resident > RESIDENT_BOUND_MB && overMemoryMB === undefined) {
      overMemoryMB = Math.round(resident);
      stop();
    }
  }, 100);
  const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (code, sig) => resolve([code, sig])));
  clearTimeout(timer);
  clearTimeout(killer);
  clearInterval(watcher);
  const seconds = (performance.now() - started) / 1000;

  const expected = new Set(['in', ...(fuzzCase.command === 'run' && status === 0 ? ['out'] : [])]);
  const leftBehind = readdirSync(directory).filter((name) => !expected.has(name));
  const inputs = readdirSync(join(directory, 'in'));
  if (inputs.length !== 1) leftBehind.push(...inputs.filter((name) => name !== fuzzCase.fileName).map((name) => `in/${name}`));
  const outputProblems = fuzzCase.command === 'run' && status === 0 ? checkOutput(out) : [];
  return { status, signal, stdout, stderr, timedOut, overMemoryMB, peakResidentMB: Math.round(peakResidentMB), seconds, leftBehind, outputProblems };
}

/** A complete output: the manifest lists exactly the files there, and no CSV field is a formula. */
function checkOutput(out: string): string[] {
  if (!existsSync(out)) return ['exit 0 but there is no output directory'];
  const files = readdirSync(out).sort();
  if (!files.includes('manifest.json')) return [`exit 0 but the output has no manifest.json (it has ${files.join(', ')})`];
  let listed: string[];
  try {
    listed = (JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: string[] }).files.slice().sort();
  } catch (error) {
    return [`manifest.json does not parse: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  if (JSON.stringify(listed) !== JSON.stringify(files)) problems.push(`manifest.json lists ${listed.join(', ')} but the directory holds ${files.join(', ')}`);
  for (const file of files.filter((name) => name.endsWith('.csv'))) {
    const formula = firstFormulaField(readFileSync(join(out, file), 'utf8'));
    if (formula) problems.push(`${file} line ${formula.line}: the field ${JSON.stringify(formula.field.slice(0, 80))} would be taken as a formula by a spreadsheet`);
  }
  return problems;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** What Excel, LibreOffice and Sheets take as the start of a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The first field of a CSV text that a spreadsheet would run as a formula: text (not a number) starting =, +, -, @, tab or CR. */
export function firstFormulaField(csv: string): { line: number; field: string } | undefined {
  const field = /"((?:[^"]|"")*)"|([^,\n]*)/y;
  let line = 1;
  let at = 0;
  while (at <= csv.length) {
    field.lastIndex = at;
    const match = field.exec(csv)!;
    const value = match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2].replace(/\r$/, '');
    if (FORMULA_START.test(value) && !NUMBER.test(value)) return { line, field: value };
    at = field.lastIndex;
    if (at >= csv.length) break;
    if (csv[at] === '\n') line++;
    at++;
  }
  return undefined;
}

/**
 * What is wrong with one line of a message, if anything: too long to read, a stack trace, an
 * internal error's text, or a control character (a name's line break echoed into it).
 */
export function messageProblem(line: string): string | undefined {
  if (line.length > LONGEST_LINE) return `a line of ${line.length} characters`;
  if (/^\s+at /.test(line)) return 'a stack trace';
  if (/\b(?:Type|Range|Reference|Syntax|Internal|Xlsx)?Error\b|Cannot create a string|heap out of memory|FATAL ERROR|Invalid typed array length|Maximum call stack/.test(line)) return 'an internal error';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(line)) return 'a control character';
  return undefined;
}

/** Everything the case did wrong, each as a sentence; empty when it behaved. */
export function problemsOf(fuzzCase: FuzzCase, outcome: Outcome): string[] {
  const problems: string[] = [];
  if (outcome.timedOut) problems.push(`still running after the ${TIME_BOUND_MS / 1000} s bound: stopped`);
  if (outcome.overMemoryMB !== undefined) problems.push(`${outcome.overMemoryMB} MB resident, over the ${RESIDENT_BOUND_MB} MB bound: stopped`);
  if (!outcome.timedOut && outcome.overMemoryMB === undefined) {
    if (outcome.signal) problems.push(`killed by ${outcome.signal}`);
    else if (outcome.status !== 0 && outcome.status !== 2) problems.push(`exit ${outcome.status} (0 or 2 expected)`);
  }
  const lines = outcome.stderr.split('\n').filter((line) => line.trim() !== '');
  if (outcome.status === 2 && lines.length === 0) problems.push('exit 2 with no message');
  for (const line of lines) {
    const bad = messageProblem(line);
    if (bad) {
      problems.push(`stderr has ${bad}: ${JSON.stringify(line.slice(0, 200))}`);
      break;
    }
  }
  if (fuzzCase.refusedWith) {
    if (outcome.status !== 2) problems.push(`must be refused (exit 2) with a message matching ${fuzzCase.refusedWith}, but exit was ${outcome.status}`);
    else if (!fuzzCase.refusedWith.test(outcome.stderr)) problems.push(`refused, but no message matches ${fuzzCase.refusedWith}`);
  }
  if (fuzzCase.notSaying?.test(outcome.stderr)) problems.push(`the message must not match ${fuzzCase.notSaying}`);
  const stopped = outcome.timedOut || outcome.overMemoryMB !== undefined;
  if (outcome.leftBehind.length > 0) problems.push(`left behind${stopped ? ' after being stopped (SIGTERM, then SIGKILL 5 s later)' : ''}: ${outcome.leftBehind.join(', ')}`);
  problems.push(...outcome.outputProblems);
  return problems;
}
