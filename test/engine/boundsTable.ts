/**
 * The bounds table of docs/model-schema.md, made from src/engine/bounds.ts (boundsDoc.test.ts
 * checks the doc holds it; `npx tsx test/engine/boundsTable.ts` prints it to paste).
 */
import { BOUNDS, DESCRIPTION_REASON, EDGES_REASON, formatBoundNumber, MAX_DESCRIPTION_LENGTH, MAX_EDGES, MAX_PERIODS, PERIODS_REASON, MAX_NAME_LENGTH, MEDIAN_BOUND, MOST_MEAN_TO_MEDIAN, MOST_SD_TO_MEAN, NAME_REASON, SD_BOUND, SPREAD_REASON, type NumberBound } from '../../src/engine/bounds.js';

const WHERE: Record<keyof typeof BOUNDS, string> = {
  horizonDays: '`dates` (the distinct dates of `arrivals`)',
  arrivals: '`arrivals` `arrivals`; `daily[]`',
  capacity: '`capacity` `capacity`; `capacity`',
  meanLos: '`los` `mean_los`; `mean`',
  p1MeanLos: '`los` `mean_los` of a P1 node',
  visitRate: '`los` `IVR`, `FVR`; `initialVisitRate`, `finalVisitRate`',
  patients: '`initial conditions` `value`; `initial.occupied`, `initial.waiting`',
  cost: '`costs` `community_cost`, `acute_dtoc`; `costs.community`, `costs.acuteDelay`',
};

function range(bound: NumberBound): string {
  const low = `${bound.minInclusive ? '≥' : '>'} ${formatBoundNumber(bound.min)}`;
  return bound.max === undefined ? low : `${low}, ≤ ${formatBoundNumber(bound.max)}`;
}

function row(where: string, bound: NumberBound): string {
  return `| ${where} | ${range(bound)} | ${bound.whole ? 'yes' : 'no'} | ${bound.unit} | ${bound.reason} |`;
}

export function boundsTable(): string {
  return [
    '| input (workbook; model field) | allowed | whole | unit | why |',
    '| --- | --- | --- | --- | --- |',
    ...(Object.keys(BOUNDS) as (keyof typeof BOUNDS)[]).map((key) => row(WHERE[key], BOUNDS[key])),
    row('`los` `median`; `median`', MEDIAN_BOUND),
    `| \`los\` \`median\` of a lognormal | ≥ mean ÷ ${MOST_MEAN_TO_MEDIAN} | no | days | ${SPREAD_REASON} |`,
    row('`los` `sd_los`; `sd`', SD_BOUND),
    `| \`los\` \`sd_los\` | ≤ ${MOST_SD_TO_MEAN} × mean | no | days | ${SPREAD_REASON} |`,
    `| model name, locality, scenario names | 1 to ${MAX_NAME_LENGTH} characters, no control characters | | | ${NAME_REASON} |`,
    `| \`descriptions\` \`description\`; scenarios' \`description\` (optional) | 1 to ${MAX_DESCRIPTION_LENGTH} characters, no control characters | | | ${DESCRIPTION_REASON} |`,
    `| \`routing\` rows; \`edges\` | ≤ ${formatBoundNumber(MAX_EDGES)} | | edges | ${EDGES_REASON} |`,
    `| \`capacity calendar\`, \`arrival profile\` rows of one node and scenario; \`calendar.periods\`, \`profile.periods\` | ≤ ${formatBoundNumber(MAX_PERIODS)} | | periods | ${PERIODS_REASON} |`,
  ].join('\n');
}


if (process.argv[1]?.endsWith('boundsTable.ts')) console.log(boundsTable());
