/**
 * The fuzz suite's files in the browser (issue 10): a sample of the mutated workbooks of
 * test/fuzz/mutations.ts (the far cells, huge numbers, injected names and the big part
 * deliberately) loaded through the load panel, as a planner would pick them. Each must end in
 * a visible message, the error list or the loaded model, within the time bound, with no page
 * error and no crash; and the page must still load a good workbook afterwards.
 *
 * Replay: PATHFLOW_FUZZ_CASE=17 and PATHFLOW_FUZZ_SEED=123 work here as in the CLI suite.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { messageProblem } from '../fuzz/cliCase.js';
import { browserSample, fuzzSelection, makeCase, replayHint } from '../fuzz/mutations.js';
import { browserSkipReason, EXAMPLE, openApp, startSession, type OpenedPage, type Session } from './browser.js';

const TEST_FILE = 'test/e2e/fuzz.test.ts';
/** As generous as the CLI suite's bound, for the same reason: a busy 2-core machine. It says "it froze", not how fast. */
const LOAD_BOUND_MS = 60_000;

const skip = browserSkipReason();
const { seed, only } = fuzzSelection();
const sample = browserSample(seed).filter((planned) => !only || only.has(planned.index));

async function pick(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.setInputFiles('#workbook-file', { name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(bytes) });
}

/** Waits for the load panel's answer about `name`: its error list, or the model loaded from it. */
async function answer(page: Page, name: string): Promise<{ refused: boolean; messages: string[] }> {
  await page.waitForFunction(
    (file) =>
      (document.querySelector('[data-testid="load-errors"]')?.textContent ?? '').includes(`${file} was not loaded`) ||
      (document.querySelector('[data-testid="model-summary"]')?.textContent ?? '').includes(`(from ${file})`),
    name,
    { timeout: LOAD_BOUND_MS, polling: 250 },
  );
  const errors = page.getByTestId('load-errors');
  const refused = (await errors.count()) > 0 && ((await errors.textContent()) ?? '').includes(`${name} was not loaded`);
  return { refused, messages: refused ? await errors.locator('li').allTextContents() : [] };
}

/** Closes a page that may have frozen or crashed, without waiting on it for ever. */
async function discard(opened: OpenedPage): Promise<void> {
  await Promise.race([opened.context.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 10_000))]);
}

describe.skipIf(skip)(`the browser with mutated workbooks (seed ${seed}, ${sample.length} cases)`, () => {
  let session: Session;
  let opened: OpenedPage | undefined;
  let crashed = false;
  const example = new Uint8Array(readFileSync(EXAMPLE));

  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    if (opened) await discard(opened);
    await session?.close();
  });

  for (const planned of sample) {
    it(
      `case ${planned.index}: ${planned.kind}`,
      async () => {
        const fuzzCase = await makeCase(seed, planned);
        if (!opened) {
          opened = await openApp(session);
          crashed = false;
          opened.page.on('crash', () => (crashed = true));
        }
        const { page, errors } = opened;
        const errorsBefore = errors.length;
        const name = fuzzCase.fileName;
        const problems: string[] = [];
        let outcome = 'no answer';
        let answered = false;
        try {
          await pick(page, name, fuzzCase.bytes);
          const { refused, messages } = await answer(page, name);
          answered = true;
          outcome = refused ? `refused: ${JSON.stringify(messages.join(' | ').slice(0, 600))}` : 'loaded';
          for (const message of messages) {
            const bad = messageProblem(message);
            if (bad) problems.push(`the error list has ${bad}: ${JSON.stringify(message.slice(0, 200))}`);
          }
          if (fuzzCase.refusedWith && !(refused && fuzzCase.refusedWith.test(messages.join('\n')))) {
            problems.push(`must be refused with a message matching ${fuzzCase.refusedWith}, but it was ${refused ? 'refused otherwise' : 'loaded'}`);
          }
          if (fuzzCase.notSaying?.test(messages.join('\n'))) problems.push(`the message must not match ${fuzzCase.notSaying}`);
        } catch (error) {
          problems.push(crashed ? 'the page crashed' : `no message within ${LOAD_BOUND_MS / 1000} s: ${(error as Error).message.split('\n')[0]}`);
        }
        if (answered && !crashed) {
          // Still responsive: the example loads after it.
          const check = `check-after-${planned.index}.xlsx`;
          try {
            await pick(page, check, example);
            const { refused } = await answer(page, check);
            if (refused) problems.push('the example was refused after this file');
          } catch (error) {
            problems.push(crashed ? 'the page crashed' : `the page did not load the example afterwards: ${(error as Error).message.split('\n')[0]}`);
          }
        }
        const pageErrors = errors.slice(errorsBefore);
        if (pageErrors.length > 0) problems.push(`page errors: ${pageErrors.map((message) => JSON.stringify(message.slice(0, 200))).join('; ')}`);
        if (problems.length > 0) {
          // A page that failed may be frozen or broken: the next case gets a fresh one.
          await discard(opened);
          opened = undefined;
        }
        const report = [`${fuzzCase.description}`, `outcome: ${outcome}`, replayHint(fuzzCase, TEST_FILE)].join('\n');
        expect([...new Set(problems)], report).toEqual([]);
      },
      3 * LOAD_BOUND_MS + 60_000,
    );
  }
});
