/**
 * The report use case: run results in (a run just done, or a run directory's files), report
 * documents out. The documents are built by the pure builders in src/report/; the parts that
 * need Node or a browser engine (HTML to PDF, SVG to PNG for Word) are injected by the shell.
 */
import type { Rasterise } from '../report/docx.js';
import type { ReportOptions } from '../report/content.js';
import { OPTIONAL_RUN_FILES, parseRunFiles, RUN_FILES, RunDataError, type ReportData, type RunFiles, type RunManifest } from '../report/runData.js';
import { reportDataFromRun } from '../report/fromRun.js';
import type { ModelSpec } from '../engine/model.js';
import type { NetworkRunResult } from '../csv/networkRun.js';

import { reportFileName, type ReportFormat } from './reportFormats.js';

export { REPORT_FORMATS, reportFileName, type ReportFormat } from './reportFormats.js';

/** What a shell supplies to make the formats that need more than text. */
export interface ReportRenderers {
  /** The report's HTML printed to PDF, with the title on every page. */
  htmlToPdf?: (html: string, title: string) => Promise<Uint8Array>;
  /** For Word's charts. */
  rasterise?: Rasterise;
}

export class ReportRendererMissing extends Error {}

/** A run directory's files (as a zip or a stored run holds them) checked and read; a problem is a RunDataError naming the file and line. */
export function reportDataOfFiles(files: Readonly<Record<string, Uint8Array | string>>): ReportData {
  const text = (name: string) => {
    const content = files[name];
    return typeof content === 'string' ? content : new TextDecoder().decode(content);
  };
  const missing = RUN_FILES.find((name) => files[name] === undefined);
  if (missing) throw new RunDataError(missing, 'is missing: this is not a complete Pathflow run directory');
  const present = [...RUN_FILES, ...OPTIONAL_RUN_FILES].filter((name) => files[name] !== undefined);
  return parseRunFiles(Object.fromEntries(present.map((name) => [name, text(name)])) as unknown as RunFiles);
}

/** The report data of a run just done, without writing and reading back its files. */
export function reportDataOfRun(model: ModelSpec, result: NetworkRunResult, manifest: RunManifest): ReportData {
  return reportDataFromRun(model, result, manifest);
}

/**
 * One report document's bytes. The builders are loaded only when asked for: the Word library
 * alone took a third of the command line's start-up.
 */
export async function renderReport(data: ReportData, format: ReportFormat, renderers: ReportRenderers, options: ReportOptions = {}): Promise<Uint8Array> {
  switch (format) {
    case 'html': {
      const { reportHtml } = await import('../report/html.js');
      return new TextEncoder().encode(reportHtml(data, options));
    }
    case 'pdf': {
      if (!renderers.htmlToPdf) throw new ReportRendererMissing('a PDF report cannot be made here: ask for html or docx');
      const [{ reportHtml }, { reportTitle }] = await Promise.all([import('../report/html.js'), import('../report/content.js')]);
      return renderers.htmlToPdf(reportHtml(data, options), reportTitle(data));
    }
    case 'docx': {
      if (!renderers.rasterise) throw new ReportRendererMissing('a Word report cannot be made here: ask for html');
      const { reportDocx } = await import('../report/docx.js');
      return reportDocx(data, renderers.rasterise, options);
    }
  }
}

/** Every document asked for, made before any is handed back, by file name. */
export async function reportFiles(data: ReportData, formats: readonly ReportFormat[], renderers: ReportRenderers, options: ReportOptions = {}): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  for (const format of formats) files[reportFileName(format)] = await renderReport(data, format, renderers, options);
  return files;
}
