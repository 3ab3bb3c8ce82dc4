/**
 * File names derived from input: the model name (from a workbook's file name, a link or
 * stored state) and node ids go into zip entries and downloads (issue 10, defect 7).
 */
import { describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { MAX_FILE_STEM_LENGTH, safeFileStem } from '../../src/csv/fileName.js';
import { ipacsFileNames, ipacsOutputFiles } from '../../src/csv/ipacs.js';
import { runModel } from '../../src/engine/run.js';
import { smallModel } from '../workbook/fixtures.js';

const hostile = ['x/../../../../elsewhere/evil', '..\\..\\windows\\system32', '../', '..', '.', '', '   ', '.hidden', 'a\u0000b\nc', 'CON', 'lpt1.txt', 'name. ', 'a:b*c?"<>|', 'é'.repeat(300)];

describe('safe file stems', () => {
  it('leaves safe names as they are', () => {
    for (const name of ['IPACS_params', 'fictional-icb', 'North Somerset 2025', 'Plan (v2)', 'P2_B']) expect(safeFileStem(name)).toBe(name);
  });

  it.each(hostile)('makes %j a stem with no separator, no .., no control or reserved character, bounded and never empty', (name) => {
    const stem = safeFileStem(name);
    // eslint-disable-next-line no-control-regex -- a control character is what must not be there
    expect(stem).not.toMatch(/[/\\:*?"<>|\u0000-\u001f]/);
    expect(stem).not.toContain('..');
    expect(stem).not.toMatch(/^[.\s]|[.\s]$/);
    expect(stem).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i);
    expect(stem.length).toBeGreaterThan(0);
    expect(Array.from(stem).length).toBeLessThanOrEqual(MAX_FILE_STEM_LENGTH);
  });

  it('keeps the results zip inside itself whatever the model is called', async () => {
    const model = { ...smallModel(), name: 'x/../../../../elsewhere/evil' };
    const result = await runModel(model, { replications: 2, seed: 1 });
    const files = Object.fromEntries(ipacsOutputFiles(model, result).map(([name, content]) => [name, new TextEncoder().encode(content)]));
    for (const name of Object.keys(unzipSync(zipSync(files)))) {
      expect(name).not.toContain('/');
      expect(name).toMatch(/^(stochastic_)?(bed|visit)_output_using_x_+elsewhere_evil\.csv$/);
    }
    expect(ipacsFileNames('IPACS_params').bed).toBe('bed_output_using_IPACS_params.csv');
  });
});
