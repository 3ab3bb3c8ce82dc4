/**
 * The network editor in real Chromium: a three-node network (acute -> P2 -> home) built by
 * hand on top of the isolated example, refused while its routes do not add up to 1 (at the
 * field, and the app keeps the model it had), then run with results for its nodes and its flow
 * diagram; a
 * capacity calendar edited and the capacity chart following; an arrival profile; axe clean. Needs the built app
 * (`npm run build`) and /usr/bin/chromium.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { BROWSER_TEST_MS, browserSkipReason, openApp, runModelInPage, startSession, type Session } from './browser.js';

const skip = browserSkipReason();
const appModel = (page: Page) => page.evaluate(() => window.__pathflow!.model()) as Promise<ModelSpec>;

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`);
}

async function addNode(page: Page, fields: { id: string; kind: string; label: string; capacity?: string; stay?: string; arrivals?: string }) {
  await page.selectOption('#network-node-kind', fields.kind);
  await page.fill('#network-node-id', fields.id);
  await page.fill('#network-node-label', fields.label);
  await page.fill('#network-node-locality', 'X');
  if (fields.capacity !== undefined) await page.fill('#network-node-capacity', fields.capacity);
  if (fields.stay !== undefined) await page.fill('#network-node-stay', fields.stay);
  if (fields.arrivals !== undefined) await page.fill('#network-node-arrivals', fields.arrivals);
  await page.getByTestId('add-node').click();
  await page.locator(`tr[data-node="${fields.id}"]`).waitFor();
}

async function addRoute(page: Page, from: string, to: string, share: string) {
  await page.selectOption('#routes-from', from);
  await page.selectOption('#network-route-to', to);
  await page.fill('#network-route-share', share);
  await page.getByTestId('add-route').click();
  await page.locator(`tr[data-route="${from}->${to}"]`).waitFor();
}

describe.skipIf(skip)('the network editor in the browser', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('builds acute -> P2 -> home by hand, refuses routes not adding up to 1 at the field, and runs it', { timeout: BROWSER_TEST_MS }, async () => {
    const { page, context, errors } = await openApp(session);
    try {
      const before = await appModel(page);
      await page.getByRole('tab', { name: 'Network' }).click();
      await page.getByTestId('network-diagram').waitFor();

      await addNode(page, { id: 'Acute_X', kind: 'acute', label: 'Acute', capacity: '30', stay: '4', arrivals: '5' });
      // A node with arrivals of its own and nothing linked to it is a valid model at once.
      expect((await appModel(page)).nodes.map((n) => n.id)).toContain('Acute_X');
      await addNode(page, { id: 'P2_X', kind: 'bed', label: 'P2', capacity: '12', stay: '20' });
      // P2_X has no arrivals and no route in: the draft is refused, and the app keeps its model.
      await page.getByTestId('network-draft-problems').waitFor();
      expect((await appModel(page)).nodes.some((n) => n.id === 'P2_X')).toBe(false);
      await addNode(page, { id: 'Home_X', kind: 'exit', label: 'Home' });

      await addRoute(page, 'Acute_X', 'P2_X', '0.4');
      const sumError = page.getByTestId('routes-sum-error');
      expect(await sumError.textContent()).toContain('The shares add up to 0.4, not 1');
      expect(await page.getByTestId('route-share-Acute_X-P2_X').getAttribute('aria-invalid')).toBe('true');
      expect((await appModel(page)).edges ?? []).toEqual(before.edges ?? []);

      await addRoute(page, 'Acute_X', 'Home_X', '0.6');
      await sumError.waitFor({ state: 'detached' });
      await addRoute(page, 'P2_X', 'Home_X', '1');
      await page.getByTestId('network-draft-problems').waitFor({ state: 'detached' });
      let model = await appModel(page);
      expect(model.nodes.slice(-3).map((n) => [n.id, n.kind])).toEqual([
        ['Acute_X', 'acute'],
        ['P2_X', 'bed'],
        ['Home_X', 'exit'],
      ]);
      expect(model.edges).toEqual([
        { from: 'Acute_X', to: 'P2_X', probability: 0.4 },
        { from: 'Acute_X', to: 'Home_X', probability: 0.6 },
        { from: 'P2_X', to: 'Home_X', probability: 1 },
      ]);

      // Typed over, a share that breaks the sum is refused as you type, at the field.
      await page.selectOption('#routes-from', 'Acute_X');
      const share = page.getByTestId('route-share-Acute_X-P2_X');
      await share.fill('0.5');
      expect(await sumError.textContent()).toContain('The shares add up to 1.1, not 1');
      expect((await appModel(page)).edges![0].probability).toBe(0.4);
      expect(await page.getByTestId('routes-total').textContent()).toContain('110%');
      expect(await seriousViolations(page)).toEqual([]);
      await share.fill('0.45');
      await page.getByTestId('route-share-Acute_X-Home_X').fill('0.55');
      await sumError.waitFor({ state: 'detached' });
      model = await appModel(page);
      expect(model.edges!.slice(0, 2).map((e) => e.probability)).toEqual([0.45, 0.55]);

      // The diagram draws the new nodes and routes, and its table lists them.
      const diagram = page.getByTestId('network-diagram');
      expect(await diagram.locator('svg text').allTextContents()).toEqual(expect.arrayContaining(['Acute', 'P2', 'Home', '45%', '55%', '100%']));
      expect(await page.getByTestId('network-edges-table').textContent()).toContain('Acute_XP2_X45%');

      // Waiting places: unlimited or a whole number goes in; anything else is refused at the field.
      const internal = page.getByTestId('queue-internal-P2_X');
      await internal.fill('unlimited');
      await expect.poll(async () => (await appModel(page)).nodes.find((n) => n.id === 'P2_X')!.queueInternal).toBe('unlimited');
      await internal.fill('1.5');
      expect(await page.locator('tr[data-node="P2_X"] .nhsuk-error-message').textContent()).toContain('Enter a whole number of places, or unlimited');
      await internal.fill('');
      await expect.poll(async () => (await appModel(page)).nodes.find((n) => n.id === 'P2_X')!.queueInternal).toBeUndefined();

      // Removing a node says first which routes go with it.
      await page.getByTestId('remove-node-P2_X').click();
      expect(await page.getByTestId('confirm-remove-node').textContent()).toMatch(/also removes its 2 routes in and out\. The routes out of Acute_X will then add up to less than 1/);
      await page.getByRole('button', { name: 'Cancel' }).click();

      await runModelInPage(page, 4);
      await page.getByRole('tab', { name: 'Results' }).click();
      for (const id of ['Acute_X', 'P2_X']) expect(await page.locator(`tr[data-scenario^="${id}_"]`).count()).toBeGreaterThan(0);
      // The flow diagram of the network just built: patients from outside into acute, on to P2 and home.
      const sankey = page.getByTestId('network-sankey');
      await sankey.locator('svg').waitFor();
      expect(await sankey.locator('svg text').allTextContents()).toEqual(expect.arrayContaining(['Acute_X', 'P2_X', 'Home_X']));
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('adds ten beds for a period, the capacity chart following every edit of the calendar, and shapes arrivals within the week', { timeout: BROWSER_TEST_MS }, async () => {
    const { page, context, errors } = await openApp(session);
    try {
      const { dates, nodes } = await appModel(page);
      const node = nodes.find((n) => n.kind === undefined && n.pathway === 'P2')!;
      const base = node.capacity[0];
      await page.getByRole('tab', { name: 'Network' }).click();
      await page.selectOption('#calendar-node', node.id);
      await page.selectOption('#calendar-scenario', base.name);
      const chart = page.getByTestId('calendar-chart');
      const range = async () => [Number(await chart.getAttribute('data-capacity-min')), Number(await chart.getAttribute('data-capacity-max'))];
      expect(await range()).toEqual([base.capacity, base.capacity]);

      await page.fill('#calendar-change', '10');
      await page.fill('#calendar-from', dates[30]);
      await page.fill('#calendar-to', dates[60]);
      await page.getByTestId('add-capacity-change-submit').click();
      await page.getByTestId('calendar-periods').waitFor();
      expect(await range()).toEqual([base.capacity, base.capacity + 10]);
      const stored = (await appModel(page)).nodes.find((n) => n.id === node.id)!.capacity[0].calendar;
      expect(stored).toEqual({ periods: [{ from: dates[30], to: dates[60], capacity: base.capacity + 10 }] });
      expect(await chart.getAttribute('aria-label')).toBeNull();
      expect(await chart.locator('.pf-chart').getAttribute('aria-label')).toContain(`from ${base.capacity} to ${base.capacity + 10}`);

      await page.getByTestId('calendar-capacity-0').fill(String(base.capacity + 25));
      await expect.poll(range).toEqual([base.capacity, base.capacity + 25]);
      // A period over the same days again overlaps: refused at its date, and the chart keeps the model's.
      await page.fill('#calendar-change', '-3');
      await page.getByTestId('add-capacity-change-submit').click();
      await page.getByTestId('network-draft-problems').waitFor();
      expect(await page.locator('[data-testid="calendar-periods"] .nhsuk-error-message').first().textContent()).toContain('periods may not overlap');
      await page.getByTestId('network-discard').click();
      await page.getByTestId('network-draft-problems').waitFor({ state: 'detached' });

      await page.getByRole('button', { name: /^Remove the period/ }).click();
      await expect.poll(range).toEqual([base.capacity, base.capacity]);
      expect((await appModel(page)).nodes.find((n) => n.id === node.id)!.capacity[0].calendar).toBeUndefined();

      // An arrival profile: busier on Mondays, each day keeping its mean.
      await page.selectOption('#profile-node', node.id);
      await page.selectOption('#profile-cycle', '7');
      await page.getByTestId('profile-weight-0').fill('2');
      await expect
        .poll(async () => (await appModel(page)).nodes.find((n) => n.id === node.id)!.arrivals[0].profile?.periods.map((p) => p.weight))
        .toEqual([2, 1, 1, 1, 1, 1, 1]);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
