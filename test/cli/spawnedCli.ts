/**
 * The built CLI in a child process that a test can watch and signal while it runs (the
 * harness's spawnSync cannot), for interrupt and stale-staging tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cli, repoRoot } from '../cliHarness.js';

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcess;
  finished: Promise<Finished>;
}

export function startPathflow(...args: string[]): RunningCli {
  const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const finished = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  return { child, finished };
}

/** Staging and set-aside directories Pathflow keeps beside an output directory `base`. */
export function stagingBeside(parent: string, base: string): string[] {
  return readdirSync(parent).filter((name) => name.startsWith(`.${base}.`));
}

/** Waits until `ready()` holds, polling; fails if the process ends first or after `timeoutMs`. */
export async function waitFor(ready: () => boolean, running: RunningCli, timeoutMs = 60_000): Promise<void> {
  let ended = false;
  void running.finished.then(() => (ended = true));
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (ended) throw new Error(`pathflow ended before the awaited state: ${(await running.finished).stderr}`);
    if (Date.now() > deadline) throw new Error(`pathflow did not reach the awaited state within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
