/**
 * SIGINT and SIGTERM while a command holds staged output: the command is asked to stop (an
 * AbortSignal it checks between scenarios or nodes), removes what it staged on its ordinary
 * failure path, and exits 128 + the signal's number (130, 143), as shells expect.
 *
 * Only while output is staged: before that nothing is on disk and the default (immediate
 * exit) is right, and `validate` must stop at once rather than at a check it never makes.
 */
import { rmSync } from 'node:fs';
import { constants } from 'node:os';

const HANDLED_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type HandledSignal = (typeof HANDLED_SIGNALS)[number];

export class InterruptedError extends Error {
  readonly exitStatus: number;
  constructor(readonly signal: HandledSignal) {
    super(`interrupted (${signal})`);
    this.exitStatus = 128 + constants.signals[signal];
  }
}

const controller = new AbortController();
/** Aborted, with an InterruptedError as its reason, by the first signal. */
export const interruptSignal: AbortSignal = controller.signal;

const stagingHeld = new Set<string>();

function onSignal(signal: HandledSignal): void {
  if (!controller.signal.aborted) {
    controller.abort(new InterruptedError(signal));
    return;
  }
  // A second signal: the user will not wait for the command to reach its next check (a long
  // optimisation of one node). Remove what is staged now, synchronously, and go.
  // The writer thread may still be adding a file as it goes: retried, and never a reason not to exit.
  for (const directory of stagingHeld) {
    try {
      rmSync(directory, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Left for the next run's sweep of dead processes' staging.
    }
  }
  process.exit(new InterruptedError(signal).exitStatus);
}

/**
 * Handles the signals for as long as `directory` is staged; call the returned function once
 * it is committed or removed.
 */
export function holdStaging(directory: string): () => void {
  if (stagingHeld.size === 0) for (const signal of HANDLED_SIGNALS) process.on(signal, onSignal);
  stagingHeld.add(directory);
  return () => {
    if (!stagingHeld.delete(directory) || stagingHeld.size > 0) return;
    for (const signal of HANDLED_SIGNALS) process.off(signal, onSignal);
  };
}

/** Lets a signal that arrived during synchronous work be handled, then stops if it was. */
export async function stopIfInterrupted(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  interruptSignal.throwIfAborted();
}
