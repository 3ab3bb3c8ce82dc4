/**
 * Screenshots of every view of the web app at a desktop and a phone width, into
 * docs/screenshots/<view>-<width>.png, for the docs and for a person to look at after a
 * change to the interface. Run with `npm run screenshots` (it builds first); needs Debian's
 * chromium. The app is driven as a user would: the example, a run, an edit and a re-run,
 * a capacity plan, a broken workbook, and the network example's joint plan and results
 * (`npm run screenshots -- network` takes only those), and the Real data tab's fit,
 * sitrep and backtest (`npm run screenshots -- realdata`), and team mode against a `pathflow
 * serve` of its own (`npm run screenshots -- team`).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { EXAMPLE, openApp, runModelInPage, shareLinkHash, startSession, type Session } from '../test/e2e/browser.js';
import { startTeamServer } from '../test/e2e/teamServer.js';
import { ensureWorkspace, runOnServer, saveAsNewModel, signIn } from '../test/e2e/teamFlow.js';
import { HAVE_SITREP, sitrepPath } from '../test/sitrep/sitrepData.js';
import { ERROR_PAIR, HAVE_PATHSIMR, PATHSIMR_DATA, TEMPLATE_PAIRS } from '../test/pathsimr/templates.js';
import { readIpacsWorkbook } from '../src/workbook/read.js';
import { writeIpacsWorkbook } from '../src/workbook/write.js';

const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

/** Scrolls `target` to the top of the viewport and takes the viewport. */
const missing: string[] = [];

async function shoot(page: Page, view: string, width: number, target?: Locator): Promise<void> {
  if (target && (await target.count()) === 0) {
    missing.push(`${view}-${width}`);
    return;
  }
  if (target) {
    await target.first().evaluate((element) => element.scrollIntoView({ block: 'start' }));
  } else {
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const path = `${OUT}${view}-${width}.png`;
  await page.screenshot({ path });
  console.log(`wrote ${path}`);
}

const heading = (page: Page, name: RegExp) => page.getByRole('heading', { name });

async function views(session: Session, width: number, height: number): Promise<void> {
  const { page, context } = await openApp(session, { width, height });
  await shoot(page, 'load', width);
  await runModelInPage(page, 20);
  await shoot(page, 'results-summary', width, page.locator('.pf-results'));
  await shoot(page, 'results-charts', width, heading(page, /Day by day/));
  await shoot(page, 'results-table', width, heading(page, /^Comparison/));

  // An edit and a re-run: the previous run stays beside the new one.
  await page.getByRole('tab', { name: 'Edit parameters' }).click();
  await shoot(page, 'edit', width, page.locator('main'));
  await shoot(page, 'edit-costs', width, page.locator('#cost-basis-occupied'));
  const cell = page.getByTestId('capacity-P2_DN-BCap');
  await cell.fill(String(Number(await cell.inputValue()) + 6));
  await cell.blur();
  await page.getByRole('tab', { name: 'Results' }).click();
  await runModelInPage(page, 20);
  await shoot(page, 'before-after', width, heading(page, /previous run/i));

  await page.getByRole('tab', { name: 'Plan capacity' }).click();
  await page.selectOption('#plan-node', 'P2_RV');
  await page.fill('#plan-replications', '10');
  await page.getByTestId('plan-run').click();
  await page.getByTestId('plan-result').waitFor();
  await shoot(page, 'plan', width, page.locator('#plan-result-heading'));
  await shoot(page, 'plan-charts', width, page.getByTestId('plan-cost-curve'));

  await page.getByTestId('header-help').click();
  await shoot(page, 'help', width, page.locator('#glossary'));

  // The model has an edit, so opening the example asks first; Cancel keeps it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByTestId('open-example').click();
  await page.getByTestId('confirm-replace').waitFor();
  await page.screenshot({ path: `${OUT}load-confirm-${width}.png` });
  console.log(`wrote ${OUT}load-confirm-${width}.png`);
  await page.getByTestId('confirm-replace-cancel').click();

  const read = await readIpacsWorkbook(readFileSync(EXAMPLE), { fileName: 'fictional-icb.xlsx' });
  if (!read.ok) throw new Error('the example does not read');
  const broken = structuredClone(read.model);
  broken.name = 'broken';
  broken.nodes[3].los[0].median = broken.nodes[3].los[0].mean + 5;
  await page.setInputFiles('#workbook-file', { name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(await writeIpacsWorkbook(broken)) });
  await page.getByTestId('load-errors').waitFor();
  await shoot(page, 'load-errors', width, page.getByTestId('load-errors'));
  await context.close();
}

/** The bundled network example (3 localities x 9 nodes). */
function networkExample(): unknown {
  return JSON.parse(readFileSync(new URL('../examples/fictional-icb-network.json', import.meta.url), 'utf8'));
}


/** Plan a network: one locality's P3 and care-home beds planned together (narrow ranges, few replications: a few seconds). */
async function networkPlanViews(session: Session, width: number, height: number): Promise<void> {
  const { page, context } = await openApp(session, { width, height, path: shareLinkHash(networkExample()) });
  await page.getByRole('tab', { name: 'Edit parameters' }).click();
  await page.check('#cost-basis-commissioned');
  await page.getByRole('tab', { name: 'Plan capacity' }).click();
  for (const [id, low, high] of [
    ['P3_RV', 55, 80],
    ['LTC_RV', 370, 410],
  ] as const) {
    await page.getByLabel(`${id}: Fewest beds`).fill(String(low));
    await page.getByLabel(`${id}: Most beds`).fill(String(high));
  }
  await page.fill('#joint-replications', '5');
  await shoot(page, 'plan-network', width, page.locator('#joint-plan-setup-heading'));
  await page.getByTestId('joint-plan-run').click();
  await page.getByTestId('joint-plan-result').waitFor();
  await shoot(page, 'plan-network-result', width, page.locator('#joint-plan-result-heading'));
  await shoot(page, 'plan-network-surface', width, page.getByTestId('joint-plan-surface'));
  await context.close();
}

/** The Network tab: the example's diagram, a route share refused at its field, a calendar. */
async function networkViews(session: Session, width: number, height: number): Promise<void> {
  const { page, context } = await openApp(session, { width, height, path: shareLinkHash(networkExample()) });
  await page.getByRole('tab', { name: 'Network' }).click();
  await page.getByTestId('network-diagram').waitFor();
  await shoot(page, 'network-diagram', width, page.locator('#network-diagram-heading'));
  // A share that breaks its node's sum, refused at the field.
  await page.selectOption('#routes-from', 'Acute_RV');
  await page.getByTestId('route-share-Acute_RV-P1_RV').fill('0.25');
  await page.getByTestId('routes-sum-error').waitFor();
  await shoot(page, 'network-edit', width, page.locator('#network-routes-heading'));
  await page.getByTestId('network-discard').click();
  await page.selectOption('#calendar-node', 'P2_RV');
  await shoot(page, 'calendar', width, page.locator('#network-calendar-heading'));
  await context.close();
}

/** The network example's results: its flow diagram, blocked bed-days by cause, totals and node charts. */
async function networkResultsViews(session: Session, width: number, height: number): Promise<void> {
  const { page, context } = await openApp(session, { width, height, path: shareLinkHash(networkExample()) });
  await runModelInPage(page, 10);
  await page.getByRole('tab', { name: 'Results' }).click();
  await page.getByTestId('network-sankey').locator('svg').waitFor();
  await shoot(page, 'network-flow', width, page.locator('#network-flow-heading'));
  await shoot(page, 'network-blocked', width, page.locator('#network-blocked-heading'));
  await shoot(page, 'network-system', width, page.locator('#network-system-heading'));
  await shoot(page, 'network-node-charts', width, page.locator('#network-node-charts-heading'));
  await context.close();
}

/** Importing a PathSimR pair from the load panel: the A&E case loaded, then the broken pair refused. Needs ../shared. */
async function pathsimrViews(session: Session, width: number, height: number): Promise<void> {
  if (!HAVE_PATHSIMR) {
    missing.push(`pathsimr-import-${width} (no ../shared/data/pathsimr)`);
    return;
  }
  const csvFile = (path: string) => ({ name: path.split('/').pop()!, mimeType: 'text/csv', buffer: readFileSync(`${PATHSIMR_DATA}/${path}`) });
  const chooser = 'Choose the network and calendar templates together (.csv)';
  const ae = TEMPLATE_PAIRS.find((pair) => pair.label === 'A&E')!;
  const { page, context } = await openApp(session, { width, height });
  await page.getByText('Import a PathSimR model').click();
  await page.locator('#pathsimr-unit-hours').check();
  await page.getByLabel(chooser).setInputFiles([csvFile(ae.network), csvFile(ae.calendar)]);
  await page.getByText('A&E_Network_Template: 8 nodes').first().waitFor();
  await shoot(page, 'pathsimr-import', width);
  await page.locator('#pathsimr-unit-days').check();
  await page.getByLabel(chooser).setInputFiles([csvFile(ERROR_PAIR.network), csvFile(ERROR_PAIR.calendar)]);
  await page.getByTestId('load-errors').waitFor();
  await shoot(page, 'pathsimr-errors', width, page.getByTestId('load-errors'));
  await context.close();
}

/** The Real data tab: the bundled episode extract fitted; QUY's sitreps for January to March 2023 charted and backtested (needs ../shared). */
async function realDataViews(session: Session, width: number, height: number): Promise<void> {
  const { page, context } = await openApp(session, { width, height });
  await page.getByRole('tab', { name: 'Real data' }).click();
  await page.getByLabel('Choose an episode extract (.csv or .xlsx)').setInputFiles(new URL('../examples/fictional-episodes.csv', import.meta.url).pathname);
  await page.getByTestId('survival-chart').locator('svg').waitFor();
  await page.selectOption('#fit-node', 'P1_North');
  await shoot(page, 'realdata-fit', width, page.getByTestId('episode-fit'));
  await shoot(page, 'realdata-fit-tables', width, page.getByTestId('los-table'));
  if (!HAVE_SITREP) {
    missing.push(`realdata-sitrep-${width}, realdata-backtest-${width} (no ../shared/data/nhse-sitrep)`);
    await context.close();
    return;
  }
  await page.getByLabel('Choose NHS England discharge sitrep files (.xlsx, several at once)').setInputFiles(['january2023.xlsx', 'february2023.xlsx', 'march2023.xlsx'].map((name) => sitrepPath('acute', name)));
  await page.locator('#sitrep-org').selectOption('QUY');
  await page.getByTestId('sitrep-read').click();
  await page.getByTestId('sitrep-observed').waitFor();
  await shoot(page, 'realdata-sitrep', width, page.locator('#sitrep-heading'));
  await page.getByTestId('sitrep-use-model').click();
  await page.getByText('from the sitrep skeleton for QUY', { exact: false }).first().waitFor();
  await page.locator('#backtest-replications').fill('20');
  await page.getByTestId('backtest-run').click();
  await page.getByTestId('backtest-result').waitFor();
  await shoot(page, 'realdata-backtest', width, page.getByTestId('backtest-result'));
  await context.close();
}

/** Team mode, served by `pathflow serve` on a fresh SQLite file: sign-in, the workspace, a server run's result and history. */
async function teamViews(session: Session, width: number, height: number): Promise<void> {
  const server = await startTeamServer();
  try {
    const { page, context } = await openApp({ ...session, server }, { width, height });
    await page.getByTestId('team-signin').waitFor();
    await shoot(page, 'team-signin', width, page.getByTestId('team-signin'));
    await signIn(page, server);
    await ensureWorkspace(page, 'Riverside ICB planning');
    await saveAsNewModel(page, 'Riverside winter plan', 'the bundled example');
    await shoot(page, 'team-workspace', width, page.getByTestId('team-workspace'));
    await runOnServer(page, 10);
    await shoot(page, 'team-run', width, page.getByTestId('team-history'));
    await context.close();
  } finally {
    await server.close();
  }
}

mkdirSync(OUT, { recursive: true });
const session = await startSession();
// `-- network`: only the network views (the Network tab, plan, results, PathSimR import);
// `-- pathsimr`: only the PathSimR import's; `-- realdata`: only the Real data tab's; `-- team`:
// only team mode's (against a pathflow serve of its own). The rest take minutes.
const only = process.argv[2];
try {
  for (const { width, height } of WIDTHS) {
    if (only === 'team' || only === undefined) await teamViews(session, width, height);
    if (only === 'team') continue;
    if (only === 'realdata') {
      await realDataViews(session, width, height);
      continue;
    }
    if (only === undefined) await views(session, width, height);
    if (only !== 'pathsimr') {
      await networkPlanViews(session, width, height);
      await networkViews(session, width, height);
      await networkResultsViews(session, width, height);
    }
    await pathsimrViews(session, width, height);
    if (only === undefined) await realDataViews(session, width, height);
  }
} finally {
  await session.close();
}
if (missing.length > 0) {
  console.error(`not found, so not taken: ${missing.join(', ')}`);
  process.exitCode = 1;
}
