/**
 * `pathflow report` end to end on run directories made by the built CLI: the HTML is
 * self-contained and holds every node and headline figure; the PDF's text (pdftotext)
 * holds them too, and its pages are saved as images under test-artifacts/report/; the
 * Word file has real tables; a malformed or partial run directory is refused (exit 2,
 * naming the file and line) and leaves no report behind.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { HEADLINE_MEASURES } from '../../src/report/content.js';
import { parseSummary, type SummaryRow } from '../../src/report/runData.js';
import { pdfPages, pdfSkipReason, pdfText } from './tools.js';
import { cli, example, pathflow, repoRoot } from '../cliHarness.js';

const sample = resolve(repoRoot, '../shared/data/ipacs/IPACS_params.xlsx');
const artifacts = join(repoRoot, 'test-artifacts/report');
const pdfSkip = pdfSkipReason();
const sampleMissing = existsSync(sample) ? undefined : `the public IPACS sample is not at ${sample}`;
if (sampleMissing) console.warn(`skipping the IPACS-sample report tests: ${sampleMissing}`);

function run(workbook: string, out: string, ...extra: string[]) {
  const result = pathflow('run', workbook, '--runs', '10', '--seed', '3', '--quiet', '--out', out, ...extra);
  if (result.status !== 0) throw new Error(`pathflow run failed: ${result.stderr}`);
}

/** Every headline figure of summary.csv, formatted as the report formats it. */
function headlineFigures(rows: SummaryRow[]): string[] {
  return rows.flatMap((r) => HEADLINE_MEASURES.map((m) => m.format(r.values[m.column])));
}

function missingFrom(text: string, wanted: string[]): string[] {
  return [...new Set(wanted.filter((w) => !text.includes(w)))];
}

const reportFiles = (dir: string) => readdirSync(dir).filter((f) => /report/.test(f));

let work: string;
let exampleDir: string;
let exampleRows: SummaryRow[];
let exampleNodes: string[];
beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
  work = mkdtempSync(join(tmpdir(), 'pathflow-report-'));
  exampleDir = join(work, 'example');
  run(example, exampleDir);
  exampleRows = parseSummary(readFileSync(join(exampleDir, 'summary.csv'), 'utf8'));
  exampleNodes = JSON.parse(readFileSync(join(exampleDir, 'model.json'), 'utf8')).nodes.map((n: { id: string }) => n.id);
  mkdirSync(artifacts, { recursive: true });
});

describe('pathflow report', () => {
  it('writes a self-contained HTML report with every node and every headline figure', () => {
    const { status, stdout, stderr } = pathflow('report', exampleDir, '--format', 'html');
    expect(status, stderr).toBe(0);
    expect(stdout).toBe(`wrote 1 file to ${exampleDir} (report.html)\n`);
    const html = readFileSync(join(exampleDir, 'report.html'), 'utf8');
    writeFileSync(join(artifacts, 'fictional-icb.html'), html);
    // Nothing to fetch: no links, sources, stylesheets or URLs at all.
    expect(html).not.toMatch(/\b(src|href)\s*=|url\(|@import|https?:\/\//i);
    expect(html.match(/<svg /g)!.length).toBe(exampleNodes.length * 6); // legend + four charts per node, and its arrivals chart
    for (const node of exampleNodes) expect(html).toContain(node);
    expect(missingFrom(html, headlineFigures(exampleRows))).toEqual([]);
    // UK formatting: pounds with thousands separators.
    expect(html).toMatch(/£\d{1,3}(,\d{3})+/);
    for (const heading of ['1. Summary', '2. Inputs', '3. Results per node', '4. Comparison of scenarios', '5. Methods and assumptions', '6. Run manifest', 'Objectives', 'Code access', 'Known differences from the IPACS v1 R model']) {
      expect(html).toContain(heading);
    }
    expect(readdirSync(exampleDir).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('writes a Word report with real tables and PNG charts', () => {
    const { status, stderr } = pathflow('report', exampleDir, '--format', 'docx');
    expect(status, stderr).toBe(0);
    const bytes = readFileSync(join(exampleDir, 'report.docx'));
    writeFileSync(join(artifacts, 'fictional-icb.docx'), bytes);
    const zip = unzipSync(new Uint8Array(bytes));
    const document = strFromU8(zip['word/document.xml']);
    // Summary (1 + one per node), four input tables, comparison, manifest, glossary, and the title page's.
    expect(document.match(/<w:tbl>/g)!.length).toBe(1 + 1 + exampleNodes.length + 4 + 1 + 1 + 1);
    for (const node of exampleNodes) expect(document).toContain(node);
    expect(missingFrom(document, headlineFigures(exampleRows))).toEqual([]);
    const images = Object.keys(zip).filter((name) => name.startsWith('word/media/'));
    // Per node a legend, four charts and an arrivals chart (identical legends share one file).
    expect(document.match(/<wp:inline/g)!.length).toBe(exampleNodes.length * 6);
    expect(images.length).toBeGreaterThanOrEqual(exampleNodes.length * 5);
    for (const name of images) expect(strFromU8(zip[name].subarray(1, 4))).toBe('PNG');
  });

  it.skipIf(pdfSkip)('writes a PDF whose text holds every node and headline figure, and saves its pages as images', () => {
    const { status, stderr } = pathflow('report', exampleDir, '--format', 'pdf');
    expect(status, stderr).toBe(0);
    const path = join(exampleDir, 'report.pdf');
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(path);
    for (const node of exampleNodes) expect(text).toContain(node);
    expect(missingFrom(text, headlineFigures(exampleRows))).toEqual([]);
    expect(text).toMatch(/Page 2 of \d+/);
    copyFileSync(path, join(artifacts, 'fictional-icb.pdf'));
    for (const old of readdirSync(artifacts).filter((f) => f.startsWith('fictional-icb-page'))) rmSync(join(artifacts, old));
    pdfPages(path, join(artifacts, 'fictional-icb-page'));
    expect(readdirSync(artifacts).filter((f) => f.startsWith('fictional-icb-page')).length).toBeGreaterThan(10);
  });

  it('shows only the scenarios asked for, and refuses one the run does not have', () => {
    const dir = join(work, 'subset');
    mkdirSync(dir);
    for (const f of ['manifest.json', 'model.json', 'summary.csv', 'daily.csv']) copyFileSync(join(exampleDir, f), join(dir, f));
    const { status, stderr } = pathflow('report', dir, '--scenarios', 'S1Cap_Blos_S1Arr,BCap_Blos_BArr');
    expect(status, stderr).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('S1Cap_Blos_S1Arr');
    expect(html).not.toContain('BCap_S1los_BArr');
    expect(html).toContain('2 of 8');
    rmSync(join(dir, 'report.html'));
    const bad = pathflow('report', dir, '--scenarios', 'NoSuch_Blos_BArr');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no scenario NoSuch_Blos_BArr in this run');
    expect(reportFiles(dir)).toEqual([]);
  });

  it('writes the report with the run, as part of the same output', () => {
    const out = join(work, 'with-report');
    run(example, out, '--report', 'html');
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.files).toContain('report.html');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const rows = parseSummary(readFileSync(join(out, 'summary.csv'), 'utf8'));
    expect(missingFrom(html, headlineFigures(rows))).toEqual([]);
    const bad = pathflow('run', example, '--report', 'odt', '--out', join(work, 'never'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('report format must be html, pdf, docx');
    expect(existsSync(join(work, 'never'))).toBe(false);
  });

  describe('refuses a malformed or partial run directory, writing nothing', () => {
    function variant(name: string, change: (dir: string) => void): string {
      const dir = join(work, name);
      mkdirSync(dir);
      for (const f of ['manifest.json', 'model.json', 'summary.csv', 'daily.csv']) copyFileSync(join(exampleDir, f), join(dir, f));
      change(dir);
      return dir;
    }

    function expectRefused(dir: string, message: RegExp) {
      const { status, stderr } = pathflow('report', dir, '--format', 'html,docx');
      expect(status).toBe(2);
      expect(stderr).toMatch(message);
      expect(reportFiles(dir)).toEqual([]);
    }

    it('without summary.csv', () => {
      const dir = variant('no-summary', (d) => rmSync(join(d, 'summary.csv')));
      expectRefused(dir, /summary\.csv: is missing: this is not a complete Pathflow run directory/);
    });

    it('with a truncated daily.csv', () => {
      const dir = variant('truncated-daily', (d) => {
        const text = readFileSync(join(d, 'daily.csv'), 'utf8');
        writeFileSync(join(d, 'daily.csv'), text.slice(0, Math.floor(text.length / 2)));
      });
      expectRefused(dir, /daily\.csv line \d+: .*cut short/);
    });

    it('with daily.csv cut at a line break (whole rows missing)', () => {
      const dir = variant('short-daily', (d) => {
        const text = readFileSync(join(d, 'daily.csv'), 'utf8');
        writeFileSync(join(d, 'daily.csv'), text.slice(0, text.indexOf('\n', text.length / 2) + 1));
      });
      expectRefused(dir, /daily\.csv: scenario \S+ has \d+ of its 728 rows .* the file is incomplete/);
    });

    it('with a manifest that is not JSON', () => {
      const dir = variant('bad-manifest', (d) => writeFileSync(join(d, 'manifest.json'), '{"pathflow": "0.1.0", "seed": '));
      expectRefused(dir, /manifest\.json: is not valid JSON/);
    });

    it('with a figure that is not a number', () => {
      const dir = variant('bad-figure', (d) => {
        const lines = readFileSync(join(d, 'summary.csv'), 'utf8').split('\n');
        lines[3] = lines[3].replace(/,(\d+(\.\d+)?),/, ',12x,');
        writeFileSync(join(d, 'summary.csv'), lines.join('\n'));
      });
      expectRefused(dir, /summary\.csv line 4: column \w+: "12x" is not a number/);
    });

    it('that does not exist', () => {
      const { status, stderr } = pathflow('report', join(work, 'nowhere'));
      expect(status).toBe(2);
      expect(stderr).toContain('no such directory');
    });
  });

  describe.skipIf(sampleMissing)('on the public IPACS sample', () => {
    it('makes all three formats, the PDF holding every node and headline figure', () => {
      const dir = join(work, 'ipacs');
      run(sample, dir);
      const formats = pdfSkip ? 'html,docx' : 'html,pdf,docx';
      const { status, stderr } = pathflow('report', dir, '--format', formats);
      expect(status, stderr).toBe(0);
      const rows = parseSummary(readFileSync(join(dir, 'summary.csv'), 'utf8'));
      const nodes = [...new Set(rows.map((r) => r.node))];
      expect(nodes).toHaveLength(9);
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(missingFrom(html, [...nodes, ...headlineFigures(rows)])).toEqual([]);
      const document = strFromU8(unzipSync(new Uint8Array(readFileSync(join(dir, 'report.docx'))))['word/document.xml']);
      expect(missingFrom(document, nodes)).toEqual([]);
      if (!pdfSkip) {
        const text = pdfText(join(dir, 'report.pdf'));
        expect(missingFrom(text, [...nodes, ...headlineFigures(rows)])).toEqual([]);
        copyFileSync(join(dir, 'report.pdf'), join(artifacts, 'ipacs-sample.pdf'));
        for (const old of readdirSync(artifacts).filter((f) => f.startsWith('ipacs-sample-page'))) rmSync(join(artifacts, old));
        pdfPages(join(dir, 'report.pdf'), join(artifacts, 'ipacs-sample-page'), 40);
      }
    });
  });
});
