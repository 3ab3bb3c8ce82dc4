/**
 * The Node side of the reports, for the command line and the team server alike: SVG to PNG
 * with resvg (for Word) and HTML to PDF with Debian's Chromium driven by playwright-core.
 * The documents themselves come from the pure, browser-safe builders beside this file;
 * this is the one file of src/report/ that needs Node.
 */
import { existsSync } from 'node:fs';
import type { Rasterise } from './docx.js';
import type { ReportRenderers } from '../app/report.js';

/** Where Chromium is: $PATHFLOW_CHROMIUM, or Debian's package. */
export function chromiumPath(): string {
  return process.env.PATHFLOW_CHROMIUM || '/usr/bin/chromium';
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export class ReportToolError extends Error {}

export const rasteriseWithResvg: Rasterise = async (svg, _width, _height, scale) => {
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
  });
  return resvg.render().asPng();
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Prints the HTML to an A4 PDF with a running title and page numbers. */
export async function htmlToPdf(html: string, title: string): Promise<Uint8Array> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new ReportToolError(`a PDF needs Chromium, which is not at ${executablePath}: install it (apt-get install chromium) or set PATHFLOW_CHROMIUM; --format html or docx need no browser`);
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // The document is self-contained: refuse any request, so nothing is ever fetched.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const style = 'font-family: Arial, sans-serif; font-size: 8px; color: #4c6272; width: 100%; padding: 0 12mm;';
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '16mm', bottom: '16mm', left: '12mm', right: '12mm' },
      displayHeaderFooter: true,
      headerTemplate: `<div style="${style}">${escapeHtml(title)}</div>`,
      footerTemplate: `<div style="${style} text-align: center;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}

/** The Node side of the report renderers. */
export const nodeReportRenderers: ReportRenderers = { htmlToPdf, rasterise: rasteriseWithResvg };
