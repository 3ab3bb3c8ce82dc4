/**
 * Team mode end to end in Chromium against the built `pathflow serve` on a fresh SQLite
 * file: sign in, save a model, run it through the server and see its result (the same
 * summary.csv as the engine run in this process), save a revision, be told when someone
 * else saved first, compare two runs, open a team link after signing in, sign out; axe
 * clean on the new views. And served as static files, the app shows no team UI, asks no
 * API address and prints no console error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import type { ModelSpec } from '../../src/engine/model.js';
import { runModel } from '../../src/engine/run.js';
import { summaryCsv } from '../../src/csv/summary.js';
import type { ModelView, RunView, SessionView } from '../../src/server/apiTypes.js';
import { ARTIFACTS, BROWSER_STEP_MS, BROWSER_TEST_MS, browserSkipReason, ensureBuilt, launchChromium, openApp, startSession, type Session } from './browser.js';
import { startTeamServer, type TeamServer } from './teamServer.js';
import { ensureWorkspace, runOnServer, saveAsNewModel, signIn } from './teamFlow.js';

const skip = browserSkipReason();

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`);
}

const appModel = (page: Page) => page.evaluate(() => window.__pathflow!.model()) as Promise<ModelSpec>;

/** The API as the signed-in page calls it: its cookie, and the session's CSRF token on changes. */
async function asPage(page: Page, base: string) {
  const session = (await (await page.request.get(`${base}api/v1/auth/me`)).json()) as SessionView;
  return {
    session,
    get: async <T>(path: string) => (await (await page.request.get(`${base}api/v1${path}`)).json()) as T,
    post: (path: string, data: unknown) => page.request.post(`${base}api/v1${path}`, { data, headers: { 'x-csrf-token': session.csrfToken ?? '' } }),
  };
}

describe.skipIf(skip)('team mode in the browser', { timeout: BROWSER_TEST_MS }, () => {
  let server: TeamServer;
  let browser: Browser;
  let session: Session;
  beforeAll(async () => {
    await ensureBuilt();
    server = await startTeamServer();
    browser = await launchChromium();
    session = { server, browser, close: async () => {} };
  }, BROWSER_STEP_MS);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in, saves a model, runs it on the server, sees the result, saves a revision, is told of a later save, compares two runs, opens a team link and signs out', async () => {
    const { page, context, errors } = await openApp(session);
    try {
      await page.getByTestId('team-signin').waitFor();
      expect(await seriousViolations(page), 'sign-in').toEqual([]);
      await signIn(page, server);
      await ensureWorkspace(page, 'Riverside ICB planning');
      expect(await page.getByTestId('team-user').textContent()).toContain(server.email);

      const model = await appModel(page);
      await saveAsNewModel(page, 'Riverside test model', 'the bundled example');
      await expect.poll(() => page.getByTestId('team-models').textContent()).toContain('Riverside test model');
      const api = await asPage(page, server.url);
      const workspaceId = api.session.workspaces[0].id;
      const [saved] = await api.get<ModelView[]>(`/workspaces/${workspaceId}/models`);
      expect(saved.latestRevision).toBe(1);

      // The run through the server stores the same summary.csv as the engine run here.
      await runOnServer(page, 8);
      expect(await page.getByTestId('team-result').locator('tbody tr').count()).toBe(model.nodes.length);
      const [firstRun] = await api.get<RunView[]>(`/workspaces/${workspaceId}/runs?modelId=${saved.id}`);
      expect(firstRun.status).toBe('succeeded');
      const stored = await (await page.request.get(`${server.url}api/v1/workspaces/${workspaceId}/runs/${firstRun.id}/files/summary.csv`)).text();
      expect(stored).toBe(summaryCsv(await runModel(model, { replications: 8, seed: 1 }), model));

      // An edit saved as revision 2.
      await page.getByRole('tab', { name: 'Edit parameters' }).click();
      const cell = page.getByTestId('capacity-P2_DN-BCap');
      await cell.fill(String(Number(await cell.inputValue()) + 6));
      await cell.blur();
      await page.getByText('Edited since revision 1 of Riverside test model.').waitFor();
      await page.fill('#team-save-message', 'six more P2 beds');
      await page.getByTestId('team-save-revision').click();
      await page.getByTestId('team-status').filter({ hasText: 'Saved revision 2 of Riverside test model.' }).waitFor();

      // A colleague saves revision 3; this page's next save is refused and says so.
      const theirs = await api.get<{ model: ModelSpec }>(`/workspaces/${workspaceId}/models/${saved.id}/revisions/2`);
      const colleague = await api.post(`/workspaces/${workspaceId}/models/${saved.id}/revisions`, { baseRevision: 2, model: { ...theirs.model, name: 'their edit' }, message: 'a colleague' });
      expect(colleague.status()).toBe(201);
      await cell.fill(String(Number(await cell.inputValue()) + 1));
      await cell.blur();
      await page.getByTestId('team-save-revision').click();
      await page.getByText('Someone else saved this model first').waitFor();
      expect(await page.getByTestId('team-error').textContent()).toContain('Revision 3 of Riverside test model was saved after the one you opened');
      expect(await seriousViolations(page), 'the conflict').toEqual([]);
      await page.getByTestId('team-conflict-reload').click();
      await page.getByTestId('confirm-replace-replace').click();
      await page.getByText('No edits since revision 3 of Riverside test model.').waitFor();
      expect((await appModel(page)).name).toBe('their edit');

      // A second run, on revision 3, compared with the first.
      await page.getByRole('tab', { name: 'Results' }).click();
      await runOnServer(page, 8);
      const history = page.getByTestId('team-history');
      await expect.poll(() => history.locator('tbody tr').count()).toBe(2);
      for (const box of await history.locator('input[type="checkbox"]').all()) await box.check();
      await page.getByTestId('team-compare').click();
      const comparison = page.getByTestId('team-comparison');
      await comparison.locator('tbody tr').first().waitFor();
      expect(await comparison.locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await seriousViolations(page), 'the workspace with a result and a comparison').toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/team-workspace.png`, fullPage: true });

      // A team link opens the model for a colleague, only after they sign in.
      await page.getByTestId('team-share').click();
      const link = await page.getByTestId('team-share-link').inputValue();
      expect(link).toBe(`${server.url}?workspace=${workspaceId}&model=${saved.id}`);
      const colleagueView = await openApp(session, { path: new URL(link).search });
      try {
        await signIn(colleagueView.page, server);
        await colleagueView.page.getByText('No edits since revision 3 of Riverside test model.').waitFor();
        expect(await colleagueView.page.getByTestId('model-summary').textContent()).toContain('Riverside test model, revision 3, from the team workspace');
        expect(new URL(colleagueView.page.url()).search).toBe('');
      } finally {
        await colleagueView.context.close();
      }

      await page.getByTestId('team-signout').click();
      await page.getByTestId('team-signin').waitFor();
      expect((await page.request.get(`${server.url}api/v1/auth/me`)).status()).toBe(401);
      expect(errors).toEqual([]);
    } catch (error) {
      throw new Error(`${(error as Error).message}\nserver log:\n${server.log().slice(-4000)}`, { cause: error });
    } finally {
      await context.close();
    }
  });
});

describe.skipIf(skip)('the app served as static files', { timeout: BROWSER_TEST_MS }, () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows no team UI, asks no API address and prints no console error', async () => {
    const context = await session.browser.newContext();
    context.setDefaultTimeout(BROWSER_STEP_MS);
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const requests: { method: string; path: string }[] = [];
    page.on('console', (message: ConsoleMessage) => message.type() === 'error' && consoleErrors.push(message.text()));
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('request', (request) => requests.push({ method: request.method(), path: new URL(request.url()).pathname }));
    const pageChecked = page.waitForResponse((response) => response.request().method() === 'HEAD');
    await page.goto(session.server.url);
    await page.getByTestId('model-summary').waitFor();
    expect((await pageChecked).status()).toBe(200);
    await page.waitForLoadState('networkidle');
    expect(requests.filter((r) => r.path.startsWith('/api/'))).toEqual([]);
    expect(await page.locator('[data-testid^="team-"]').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
