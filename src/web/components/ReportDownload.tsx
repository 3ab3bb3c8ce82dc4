/**
 * "Download report": the CLI's report (src/report/), made in the browser from the run in
 * memory. HTML and Word download; a PDF is the HTML printed by the browser (Print, then
 * Save as PDF): Chromium's own print is what the CLI uses for its PDF, and a PDF library in
 * the page would add weight for a worse result.
 */
import { useRef, useState } from 'react';
import type { ModelSpec } from '../../engine/model.js';
import { runDescription, type RunResult } from '../../engine/run.js';
import { reportDataFromRun } from '../../report/fromRun.js';
import { reportHtml } from '../../report/html.js';
import type { DocxProgress, Rasterise } from '../../report/docx.js';
import type { ReportData } from '../../report/runData.js';
import packageJson from '../../../package.json';
import { download } from '../format.js';
import { SelectField } from './FormField.js';
import { PageSection } from './PageSection.js';
import { safeFileStem } from '../../csv/fileName.js';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * SVG to PNG through an <img> and an OffscreenCanvas. Not a <canvas>'s toBlob: Chromium
 * encodes that PNG in the page's idle time, which a busy renderer without a GPU may not
 * give for up to its idle-task timeout (about a second), once per chart, and the report
 * has dozens. convertToBlob encodes at once, off the page's thread.
 */
const rasteriseInCanvas: Rasterise = async (svg, width, height, scale) => {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = new OffscreenCanvas(Math.round(width * scale), Math.round(height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
};

function dataOf(model: ModelSpec, result: RunResult, source: string | undefined): ReportData {
  return reportDataFromRun(model, result, {
    pathflow: packageJson.version,
    input: { file: source || `${model.name}.xlsx` },
    ...runDescription(result),
    started: new Date().toISOString(),
  });
}

type Format = 'html' | 'docx' | 'print';

function progressText(progress: DocxProgress): string {
  return progress.step === 'charts' ? `Preparing charts: ${progress.done} of ${progress.total}…` : 'Putting the document together…';
}

export function ReportDownload({ model, result, source, scenarios }: { model: ModelSpec; result: RunResult; source?: string; scenarios: string[] }) {
  const [format, setFormat] = useState<Format>('html');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [progress, setProgress] = useState<DocxProgress>();
  const abort = useRef<AbortController | null>(null);

  const make = async () => {
    setBusy(true);
    setError(undefined);
    const controller = new AbortController();
    abort.current = controller;
    try {
      const data = dataOf(model, result, source);
      const options = { scenarios };
      const name = `${safeFileStem(model.name)}-report`;
      if (format === 'docx') {
        const { reportDocx } = await import('../../report/docx.js');
        const bytes = await reportDocx(data, rasteriseInCanvas, { ...options, onProgress: setProgress, signal: controller.signal });
        download(`${name}.docx`, bytes as Uint8Array<ArrayBuffer>, DOCX_TYPE);
      } else if (format === 'html') {
        download(`${name}.html`, reportHtml(data, options), 'text/html');
      } else {
        const url = URL.createObjectURL(new Blob([reportHtml(data, options)], { type: 'text/html' }));
        const opened = window.open(url, '_blank');
        if (!opened) throw new Error('the browser blocked the report’s window: allow pop-ups for this page, or download the HTML and print it');
        opened.addEventListener('load', () => opened.print(), { once: true });
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }
    } catch (e) {
      if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
    } finally {
      abort.current = null;
      setBusy(false);
      setProgress(undefined);
    }
  };

  return (
    <PageSection id="report-heading" heading="Report for a board paper" testId="report-download">
      <p className="nhsuk-body-s">
        Title page, headline tables with the best scenario marked, inputs, four charts per node, the comparison table, methods and the run’s details, for the {scenarios.length} scenario{scenarios.length === 1 ? '' : 's'} shown.
      </p>
      <div className="pf-controls">
        <SelectField id="report-format" label="Format" value={format} onChange={(value) => setFormat(value as Format)} data-testid="report-format">
          <option value="html">HTML (one file, printable)</option>
          <option value="docx">Word (.docx)</option>
          <option value="print">PDF (print the HTML, then Save as PDF)</option>
        </SelectField>
      </div>
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => void make()} disabled={busy || scenarios.length === 0} data-testid="download-report">
        {busy ? 'Making the report…' : format === 'print' ? 'Open the report to print' : 'Download report'}
      </button>
      {busy && format === 'docx' && (
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => abort.current?.abort()} data-testid="cancel-report">
          Cancel
        </button>
      )}
      <p className="nhsuk-body-s" role="status" aria-live="polite" data-testid="report-progress">
        {progress && progressText(progress)}
      </p>
      {error && (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> The report could not be made: {error}
        </p>
      )}
    </PageSection>
  );
}
