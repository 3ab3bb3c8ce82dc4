/**
 * The BNSSG 2023 case study (docs/case-bnssg-2023.md) is what `npm run case-bnssg-2023`
 * writes today: its figures are computed afresh (seed 1, 100 replications, one thread: the
 * same bytes on every machine) and the page must match the committed one byte for byte, so
 * a change to the importer, the engine or the backtest that moves a figure shows here and
 * the page is regenerated with it. Exact rather than within noise because the figures are
 * deterministic; the cost is about half a minute of CPU in one thread, which is why no
 * calibration grid has more than the CLI's 41 points.
 *
 * The third-party data is read from ../shared; without it the suite is skipped, saying why.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_DOC } from '../../scripts/case-bnssg-2023.js';
import { caseDocument } from '../../scripts/caseBnssgDocument.js';
import { caseFigures, HAVE_CASE_DATA, ICB, MISSING_CASE_DATA, PATHWAYS, type CaseFigures } from '../../scripts/caseBnssgFigures.js';

const title = 'BNSSG 2023 case study';
describe.skipIf(!HAVE_CASE_DATA)(`${title}${HAVE_CASE_DATA ? '' : ` (${MISSING_CASE_DATA})`}`, () => {
  let figures: CaseFigures;
  beforeAll(async () => {
    figures = await caseFigures();
  }, 600_000);

  it('docs/case-bnssg-2023.md is exactly what the script writes today (run `npm run case-bnssg-2023` if not)', () => {
    expect(readFileSync(CASE_DOC, 'utf8')).toBe(caseDocument(figures));
  });

  it('compares every day of the half-year for each pathway, in both modes', () => {
    for (const mode of figures.modes) {
      expect(mode.backtest.fits.map((fit) => [fit.name, fit.points.length])).toEqual(PATHWAYS.map((p) => [`${p} (${ICB})`, figures.model.dates.length]));
    }
  });

  it('changes only P1 in compatibility mode, as the page says of the bed pathways', () => {
    const [defaults, compat] = figures.modes;
    for (const pathway of ['P2', 'P3']) {
      const name = `${pathway} (${ICB})`;
      expect(compat.backtest.fits.find((f) => f.name === name)).toEqual(defaults.backtest.fits.find((f) => f.name === name));
    }
    const p1 = (mode: (typeof figures.modes)[number]) => mode.backtest.fits.find((f) => f.name === `P1 (${ICB})`)!.bias;
    expect(p1(compat)).not.toBe(p1(defaults));
  });

  it('relies on an ICB row that its named trusts add up to on every day', () => {
    expect(figures.limits.trustGapDays).toEqual([]);
  });

  it('counts as referrals the sitrep destinations the importer turns into arrivals', () => {
    // QUY's Table 4 figures for January 2023, destination by destination: P1 home 466 + hotel 2 + other 2; P2 care home 38 + community rehab 79 + designated setting 0 (hospice withheld); P3 new placement 134 + designated setting 0, P3b 15 left out.
    const january = (pathway: string) => figures.referrals.find((r) => r.pathway === pathway && r.month === '2023-01-01')!.observed;
    expect([january('P1'), january('P2'), january('P3')]).toEqual([470, 117, 134]);
    expect(figures.limits.p3b[0]).toBe(15);
  });

  it('flags every calibration inferred and keeps the estimate inside its interval', () => {
    for (const mode of figures.modes) {
      for (const calibration of [...mode.calibrations.capacity, ...mode.calibrations.los]) {
        expect(calibration.low).toBeLessThanOrEqual(calibration.estimate);
        expect(calibration.estimate).toBeLessThanOrEqual(calibration.high);
      }
    }
    const doc = readFileSync(CASE_DOC, 'utf8');
    const calibrationRows = doc.split('\n').filter((line) => /^\| P[123] \| .* \| (capacity|los) \(/.test(line));
    expect(calibrationRows).toHaveLength(8);
    for (const row of calibrationRows) expect(row.trimEnd().endsWith('| inferred |')).toBe(true);
  });
});
