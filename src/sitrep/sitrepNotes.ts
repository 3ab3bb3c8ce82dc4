/**
 * sitrep-notes.md: what was read, what the model's placeholders are, and an honest statement
 * of what the sitrep cannot tell, with the days the data is incomplete on. The command line
 * prints it too; planners should read it before trusting the skeleton.
 */
import type { ObservedRow } from '../observed/observedSeries.js';
import { formatNumber } from '../csv/format.js';
import type { SitrepOrg } from './orgTable.js';
import type { SitrepFile } from './sitrepFile.js';
import { PLACEHOLDER_LOS, type Skeleton } from './sitrepSkeleton.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function sitrepNotes(given: readonly SitrepFile[], rows: readonly ObservedRow[], orgs: readonly SitrepOrg[], skeleton: Skeleton): string {
  // In the period's order, so the notes are the same whatever order the files were given in.
  const files = [...given].sort((a, b) => (a.cover.from < b.cover.from ? -1 : a.cover.from > b.cover.from ? 1 : a.fileName < b.fileName ? -1 : 1));
  const lines = ['# Sitrep import: notes', '', `Organisations: ${orgs.map((org) => `${org.code} (${org.name})`).join('; ')}.`, '', '## Files read', ''];
  for (const file of files) {
    lines.push(`- ${file.fileName}: ${file.kind} sitrep, ${file.cover.from} to ${file.cover.to}, published or revised ${file.cover.published}`);
  }
  lines.push('', 'Where two files hold the same figure, the later publication wins.', '', '## The model skeleton (model.xlsx)', '');
  lines.push('| node | mean arrivals a day | capacity (placeholder) | median / mean stay (placeholder) | waiting on day 1 (derived) |', '| --- | --- | --- | --- | --- |');
  for (const node of skeleton.nodes) {
    const los = PLACEHOLDER_LOS[node.pathway];
    lines.push(`| ${node.id} | ${node.meanDaily.toFixed(2)} | ${node.capacity} | ${los.median} / ${los.mean} days | ${node.waiting} |`);
  }
  lines.push('');
  for (const org of orgs) {
    const pattern = skeleton.nodes.find((node) => node.org === org.code)?.pattern ?? [];
    lines.push(`Day-of-week pattern for ${org.code} (from Table 2's daily discharges, mean 1): ${pattern.map((weight, day) => `${WEEKDAYS[day]} ${weight.toFixed(2)}`).join(', ')}.`);
  }
  lines.push(
    '',
    `Horizon: ${skeleton.model.dates[0]} to ${skeleton.model.dates[skeleton.model.dates.length - 1]} (${skeleton.model.dates.length} days).`,
    '',
    'Placeholders (the sitrep does not report them; replace them before planning):',
    '- capacity: mean daily arrivals x the placeholder mean stay (the places that would just carry the demand); `pathflow backtest` calibration can infer it from the observed delays;',
    '- length of stay: lognormal, the medians and means above (round figures of the order of the public IPACS sample\'s); fit your own with `pathflow fit`;',
    '- in service on day 1: the placeholder capacity (a full service); waiting on day 1: the derived `delayed` estimate for that day (0 when there is none);',
    '- costs: 0.',
    '',
    '## What the data cannot tell',
    '',
    '- P2 destinations: Table 4 splits P2 into care home, designated setting, hospice and community rehabilitation bed, but a model node is one service; a short-term care-home bed and a permanent placement (P3) are not told apart reliably by every trust.',
    '- P3b (an existing care-home resident going back) is reported with P3 in observed.csv but is not a new placement: it is left out of the P3 arrivals.',
    '- Hospices: ICB and trust rows withhold discharges to a hospice (shown `-`, an empty value); national and regional totals include them, so ICBs do not add up to England there. Hospice destinations are left out of the arrivals.',
    '- Referrals are counted when the person leaves hospital for the pathway (Table 4), not when they are referred: people still waiting at the end of a month are missing from that month.',
    '- Delays per pathway are not reported: `delayed` in observed.csv is an estimate (basis `derived`): the day\'s `remaining` x the pathway\'s share of the month\'s (or week\'s) long-stay reasons in Table 5, which counts only people in hospital 14 days or more.',
  );
  lines.push(...nonSubmitterLines(files), ...missingLines(files, rows, orgs));
  return lines.join('\n') + '\n';
}

/** Table 1: days on which some trusts submitted nothing, so ICB, regional and national totals lack them. */
function nonSubmitterLines(files: readonly SitrepFile[]): string[] {
  const byWhat = new Map<string, string[]>();
  for (const file of files) {
    for (const day of file.nonSubmitters) {
      const what = day.note !== undefined ? day.note.toLowerCase() : day.count > 0 ? `${formatNumber(day.count)} not submitted` : undefined;
      if (what !== undefined) byWhat.set(what, [...(byWhat.get(what) ?? []), day.date]);
    }
  }
  if (byWhat.size === 0) return ['- Every trust in scope submitted on every day of the files (Table 1).'];
  const listed = [...byWhat].map(([what, dates]) => `${what}: ${dayRanges(dates)}`);
  return [`- Trusts in England that did not submit (Table 1, which does not name them): ${listed.join('; ')}. On those days ICB, regional and national totals lack those trusts.`];
}

/** Days the organisation's own daily figures are `-`; for an ICB, the trusts of its region that have such days. */
function missingLines(files: readonly SitrepFile[], rows: readonly ObservedRow[], orgs: readonly SitrepOrg[]): string[] {
  return orgs.flatMap((org) => {
    const lines: string[] = [];
    const days = rows.filter((row) => row.org === org.code && row.grain === 'day' && row.measure === 'remaining' && Number.isNaN(row.value)).map((row) => row.date);
    if (days.length > 0) lines.push(`- ${org.code} has no daily figures (\`-\`) on ${dayRanges(days)}.`);
    if (org.level !== 'icb') return lines;
    const trusts = new Map<string, string[]>();
    for (const file of files) {
      for (const figures of file.orgs) {
        if (figures.org.level !== 'trust' || figures.org.region !== org.region) continue;
        const missing = figures.daily.filter((day) => Number.isNaN(day.remaining)).map((day) => day.date);
        if (missing.length > 0) trusts.set(figures.org.code, [...(trusts.get(figures.org.code) ?? []), ...missing]);
      }
    }
    if (trusts.size > 0) {
      const listed = [...trusts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, dates]) => `${code} on ${dayRanges(dates)}`);
      lines.push(`- Trusts in ${org.region} with no figures on some days (Table 2 \`-\`): ${listed.join('; ')}. The sitrep does not say which ICB a trust belongs to: if one of them is in ${org.code}, ${org.code}'s totals lack it on those days.`);
    }
    return lines;
  });
}

/** `2023-01-09 to 2023-01-15, 2023-02-01`: consecutive days as a range. */
export function dayRanges(dates: readonly string[]): string {
  const sorted = [...new Set(dates)].sort();
  const ranges: string[] = [];
  let first = sorted[0];
  let last = sorted[0];
  const next = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  for (const date of [...sorted.slice(1), '']) {
    if (date !== '' && date === next(last)) {
      last = date;
      continue;
    }
    ranges.push(first === last ? first : `${first} to ${last}`);
    first = last = date;
  }
  return ranges.join(', ');
}
