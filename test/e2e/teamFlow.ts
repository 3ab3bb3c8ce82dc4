/**
 * Steps of team mode as a planner takes them, shared by the browser test and the
 * screenshots: sign in, start a workspace, save the page's model, run it on the server.
 */
import type { Page } from 'playwright-core';
import type { TeamServer } from './teamServer.js';

export async function signIn(page: Page, server: Pick<TeamServer, 'email' | 'password'>): Promise<void> {
  await page.getByTestId('team-signin').waitFor();
  await page.fill('#team-email', server.email);
  await page.fill('#team-password', server.password);
  await page.getByTestId('team-signin-submit').click();
  await page.getByTestId('team-workspace').waitFor();
}

/** A first sign-in has no workspace yet: start one. */
export async function ensureWorkspace(page: Page, name: string): Promise<void> {
  const create = page.getByTestId('team-create-workspace');
  await Promise.race([create.waitFor(), page.getByTestId('team-save').waitFor()]);
  if (await create.isVisible()) {
    await page.fill('#team-workspace-name', name);
    await create.getByRole('button', { name: 'Start a workspace' }).click();
  }
  await page.getByTestId('team-save').waitFor();
}

export async function saveAsNewModel(page: Page, name: string, message: string): Promise<void> {
  await page.fill('#team-new-name', name);
  await page.fill('#team-save-message', message);
  await page.getByTestId('team-save-new').click();
  await page.getByTestId('team-status').filter({ hasText: `Saved ${name} to the workspace` }).waitFor();
}

export async function runOnServer(page: Page, replications: number): Promise<void> {
  await page.fill('#replications', String(replications));
  await page.getByTestId('team-run-start').click();
  await page.getByTestId('team-status').filter({ hasText: 'The server run finished.' }).waitFor();
  await page.getByTestId('team-result').locator('tbody tr').first().waitFor();
}
