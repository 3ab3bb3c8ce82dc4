/**
 * The report use case on a run directory held in memory (a web export, a stored run): read
 * and checked from its files, rendered with the renderers a shell injects, refused clearly
 * when a file or a renderer is missing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { runToFiles } from '../../src/app/runToFiles.js';
import { reportDataOfFiles, reportFiles, ReportRendererMissing } from '../../src/app/report.js';
import { reportCommand } from '../../src/cli/reportCommand.js';
import { RunDataError } from '../../src/report/runData.js';

async function exampleRun() {
  const read = await readIpacsWorkbook(readFileSync(new URL('../../examples/fictional-icb.xlsx', import.meta.url)), { fileName: 'fictional-icb.xlsx' });
  if (!read.ok) throw new Error('the example does not read');
  const run = await runToFiles(read.model, { replications: 2, seed: 4 }, { started: '2026-12-05T10:00:00.000Z', source: 'fictional-icb.xlsx' });
  return run;
}

describe('the report use case', () => {
  it('makes from a run directory in memory the report pathflow report makes from it on disk', async () => {
    const { files } = await exampleRun();
    const directory = mkdtempSync(join(tmpdir(), 'pathflow-report-use-case-'));
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(directory, name), bytes);
    const generated = new Date('2026-12-05T12:00:00Z');
    const fromMemory = await reportFiles(reportDataOfFiles(files), ['html'], {}, { generated });
    expect(Object.keys(fromMemory)).toEqual(['report.html']);
    const [written] = await reportCommand(directory, { formats: ['html'], generated });
    expect(Buffer.from(fromMemory['report.html']).equals(readFileSync(written))).toBe(true);
  }, 120_000);

  it('names a missing file, and a format it has no renderer for', async () => {
    const { files } = await exampleRun();
    const { 'summary.csv': _gone, ...partial } = files;
    expect(() => reportDataOfFiles(partial)).toThrow(RunDataError);
    expect(() => reportDataOfFiles(partial)).toThrow(/^summary\.csv: is missing/);
    await expect(reportFiles(reportDataOfFiles(files), ['html', 'pdf'], {})).rejects.toThrow(ReportRendererMissing);
    await expect(reportFiles(reportDataOfFiles(files), ['docx'], {})).rejects.toThrow(/Word report cannot be made here/);
  }, 120_000);
});
