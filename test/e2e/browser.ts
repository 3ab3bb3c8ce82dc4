/**
 * Shared set-up of the end-to-end tests: the built app served from dist/web on a free
 * localhost port, and Debian's Chromium driven by playwright-core.
 *
 * Chromium missing is a skip on a developer's machine (said why) but a failure in CI,
 * where .ci/run installs it: a suite that silently skips everything proves nothing.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync, strToU8 } from 'fflate';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startStaticServer, type StaticServer } from '../../src/server/staticServer.js';
// The window.__pathflow hooks' type.
import type {} from '../../src/web/testHooks.js';

export const CHROMIUM = '/usr/bin/chromium';
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_ROOT = `${REPO}dist/web`;
export const ARTIFACTS = `${REPO}test-artifacts`;
export const EXAMPLE = `${REPO}examples/fictional-icb.xlsx`;
export const IPACS_SAMPLE = fileURLToPath(new URL('../../../shared/data/ipacs/IPACS_params.xlsx', import.meta.url));

const inCi = process.env.CI === 'true';

/**
 * How long one browser step (a navigation, a wait, a download) may take, and one browser
 * test. Generous on purpose: these bound a hang, not speed, and on a busy 2-core machine
 * without a GPU a Word download took 60 s where Playwright's default allows 30 s. Speed is
 * measured by `npm run bench`, never asserted by a test.
 */
export const BROWSER_STEP_MS = 180_000;
export const BROWSER_TEST_MS = 600_000;

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const reason = `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests`;
  if (inCi) throw new Error(`${reason} (CI=true: the browser tests must run in CI)`);
  console.warn(`skipping the browser tests: ${reason}`);
  return reason;
}

/** npm test builds first; a lone `vitest run test/e2e` on a fresh clone builds the app once here. */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(`${WEB_ROOT}/index.html`)) return;
  const { build } = await import('vite');
  await build({ configFile: `${REPO}vite.config.ts`, logLevel: 'warn' });
}

export interface Session {
  server: StaticServer;
  browser: Browser;
  close(): Promise<void>;
}

/** Headless Chromium as every browser test drives it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function startSession(): Promise<Session> {
  await ensureBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startStaticServer(WEB_ROOT);
  const browser = await launchChromium();
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/**
 * A fresh context (empty local storage) with the app open at `path`. Requests leaving
 * localhost are refused, so the tests show the app needs no network (the NHS web font
 * falls back to Arial). `errors` collects uncaught errors and Content-Security-Policy
 * violations.
 */
export async function openApp(session: Session, options: { path?: string; width?: number; height?: number } = {}): Promise<OpenedPage> {
  const context = await session.browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 800 }, acceptDownloads: true });
  context.setDefaultTimeout(BROWSER_STEP_MS);
  await context.route(/^https?:\/\/(?!localhost[:/])/, (route) => route.abort());
  // The server's Content-Security-Policy must let the app work: a violation is an error too.
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`)),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // The context's console: the page's and those of the windows it opens (the printable report).
  context.on('console', (message) => {
    if (/Content Security Policy|CSP violation/i.test(message.text())) errors.push(message.text());
  });
  await page.goto(new URL(options.path ?? '', session.server.url).href);
  await page.getByTestId('model-summary').waitFor();
  return { context, page, errors };
}

/** Runs the model with the given replications and waits for the run to finish. */
export async function runModelInPage(page: Page, replications: number): Promise<string> {
  await page.fill('#replications', String(replications));
  await page.getByTestId('run').click();
  await page.waitForFunction(() => /^Ran \d+ scenarios/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''));
  return (await page.getByTestId('status').textContent()) ?? '';
}

/** The comparison table's figure in one column for one scenario id. */
export async function tableValue(page: Page, scenarioId: string, column: string): Promise<number> {
  const text = await page.locator(`tr[data-scenario="${scenarioId}"] td[data-column="${column}"]`).textContent();
  return Number((text ?? '').replace(/[£,]/g, ''));
}

/**
 * The address part of a share link that opens `model`, written here from the link format
 * (a deflated JSON envelope in base64url) rather than by the app's encoder, so a test that
 * opens it also checks the app still reads links made to that format.
 */
export function shareLinkHash(model: unknown, options: { replications?: number; seed?: number } = {}): string {
  const envelope = { v: 1, model, replications: options.replications ?? 20, seed: options.seed ?? 1, source: 'a link' };
  return `#s=${Buffer.from(deflateSync(strToU8(JSON.stringify(envelope)))).toString('base64url')}`;
}
