/**
 * Times the browser's Word download, click to file, in Chromium with the e2e harness's
 * flags (`--disable-gpu`): `npm run build`, then `npx tsx bench/wordDownload.ts [runs]`.
 * Example workbook, 5 replications. A measurement to read, never a test's assertion.
 */
import { openApp, runModelInPage, startSession } from '../test/e2e/browser.js';

const runs = Number(process.argv[2] ?? 3);
const session = await startSession();
try {
  for (let i = 0; i < runs; i++) {
    const { page, context } = await openApp(session);
    await runModelInPage(page, 5);
    await page.selectOption('#report-format', 'docx');
    const started = performance.now();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-report').click()]);
    await file.path();
    console.log(`Word download: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await context.close();
  }
} finally {
  await session.close();
}
