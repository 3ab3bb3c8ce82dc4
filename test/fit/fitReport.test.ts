import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitEpisodes, type EpisodeFit } from '../../src/fit/fitEpisodes.js';
import { fittedSurvival } from '../../src/fit/fitCharts.js';
import { formatFitCsv } from '../../src/fit/fitCsv.js';
import { fitReportHtml } from '../../src/fit/fitReport.js';
import { readEpisodes } from '../../src/fit/readEpisodes.js';

let fit: EpisodeFit;
beforeAll(() => {
  const read = readEpisodes(readFileSync(new URL('../../examples/fictional-episodes.csv', import.meta.url), 'utf8'), 'fictional-episodes.csv');
  if (!read.ok) throw new Error(read.problems.join('\n'));
  fit = fitEpisodes(read.episodes, { snapshot: read.snapshot, seed: 3 });
}, 60_000);

describe('the fit report', () => {
  it("draws the fitted survival the length-of-stay fit itself reports, for every family chosen", () => {
    for (const node of fit.nodes) {
      const chosen = node.stays.fit.chosen;
      const drawn = fittedSurvival(chosen, chosen.curve.map((point) => point.day));
      chosen.curve.forEach((point, i) => expect(drawn[i]).toBeCloseTo(point.fitted, 9));
    }
    expect(new Set(fit.nodes.map((node) => node.stays.fit.chosen.family)).size).toBeGreaterThan(1);
  });

  it('has two charts a node, says what is inferred, and shows small counts as 1–4 only when suppressing', () => {
    const hidden = fitReportHtml({ fit, source: 'fictional-episodes.csv', seed: 3, suppress: true, version: 'test' });
    const shown = fitReportHtml({ fit, source: 'fictional-episodes.csv', seed: 3, suppress: false, version: 'test' });
    expect(hidden.match(/<svg/g)).toHaveLength(2 * fit.nodes.length);
    expect(hidden).toContain('What is inferred, not measured');
    expect(hidden).toContain('written as 3');
    const smallWaiting = fit.nodes.filter((node) => node.initial.waiting >= 1 && node.initial.waiting <= 4).length;
    expect(smallWaiting).toBeGreaterThan(0);
    expect((hidden.match(/<td class="num">1–4<\/td>/g) ?? []).length).toBeGreaterThanOrEqual(smallWaiting);
    expect(shown).not.toContain('1–4</td>');
    expect(shown).not.toContain('written as 3');
  });

  it('lists in fit.csv every family’s AIC, the chosen family’s mean with its interval, and the referral terms, per node', () => {
    const lines = formatFitCsv(fit, true).trim().split('\n');
    expect(lines[0]).toBe('node,part,quantity,value,low95,high95,note');
    for (const node of fit.nodes) {
      const mine = lines.filter((line) => line.startsWith(`${node.series.node},`));
      for (const family of ['lnorm', 'gamma', 'weibull']) expect(mine.some((line) => line.startsWith(`${node.series.node},los,aic_${family},`))).toBe(true);
      const mean = mine.find((line) => line.startsWith(`${node.series.node},los,mean,`))!.split(',').slice(3, 6).map(Number);
      expect(mean[1]).toBeLessThan(mean[0]);
      expect(mean[0]).toBeLessThan(mean[2]);
      expect(mine.some((line) => line.startsWith(`${node.series.node},referrals,terms,`))).toBe(true);
    }
  });
});
