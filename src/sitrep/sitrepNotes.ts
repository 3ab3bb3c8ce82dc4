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
/** Days listed before "and N more". */
const DAYS_LISTED = 10;

export function sitrepNotes(files: readonly SitrepFile[], rows: readonly ObservedRow[], orgs: readonly SitrepOrg[], skeleton: Skeleton): string {
  const lines = ['# Sitrep import: notes', '', `Organisations: ${orgs.map((org) => `${org.code} (${org.name})`).join('; ')}.`, '', '## Files read', ''];
  for (const file of [...files].sort((a, b) => (a.cover.from < b.cover.from ? -1 : a.cover.from > b.cover.from ? 1 : 0))) {
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
  lines.push(...nonSubmitterLines(files), ...missingLines(rows, orgs));
  return lines.join('\n') + '\n';
}

/** Table 1: days on which some trusts submitted nothing, so ICB, regional and national totals lack them. */
function nonSubmitterLines(files: readonly SitrepFile[]): string[] {
  const days = new Map<string, string>();
  for (const file of files) {
    for (const day of file.nonSubmitters) {
      if (day.note !== undefined) days.set(day.date, day.note.toLowerCase());
      else if (day.count > 0) days.set(day.date, `${formatNumber(day.count)} not submitted`);
    }
  }
  if (days.size === 0) return ['- Every trust in scope submitted on every day of the files (Table 1).'];
  const listed = [...days].sort(([a], [b]) => (a < b ? -1 : 1));
  const shown = listed.slice(0, DAYS_LISTED).map(([date, what]) => `${date} (${what})`);
  const more = listed.length > DAYS_LISTED ? ` and ${listed.length - DAYS_LISTED} more days` : '';
  return [`- Trusts that did not submit (Table 1, trusts in England): ${shown.join(', ')}${more}. On those days an ICB's total lacks any of its trusts that did not submit; Table 1 does not say which trusts they were.`];
}

/** Days the organisation's own daily figures are `-`. */
function missingLines(rows: readonly ObservedRow[], orgs: readonly SitrepOrg[]): string[] {
  return orgs.flatMap((org) => {
    const days = rows.filter((row) => row.org === org.code && row.grain === 'day' && row.measure === 'remaining' && Number.isNaN(row.value)).map((row) => row.date);
    if (days.length === 0) return [];
    const more = days.length > DAYS_LISTED ? ` and ${days.length - DAYS_LISTED} more` : '';
    return [`- ${org.code} has no daily figures (\`-\`) on ${days.slice(0, DAYS_LISTED).join(', ')}${more}.`];
  });
}
