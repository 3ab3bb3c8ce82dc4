/**
 * The words and measures Pathflow uses, defined once: the web app's Help section shows them,
 * and docs/glossary.md is generated from them (a test checks the two agree). Plain English
 * for NHS planners; a formula where a planner would want to check a figure by hand.
 */

export interface GlossaryEntry {
  /** Stable anchor: the app's help links and the docs point at it. */
  id: string;
  term: string;
  text: string;
  formula?: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'delayed',
    term: 'Delayed (delayed discharge)',
    text: 'A person who is medically ready to leave an acute bed but is still in it because the pathway they need (a community bed or home visits) has no room yet. Pathflow counts them each day; they wait in the acute hospital.',
  },
  {
    id: 'niq',
    term: 'Number in queue (niq)',
    text: 'How many people are delayed on a day, waiting for one pathway. "Mean delayed" in the results is this number averaged over the days and the replications.',
  },
  {
    id: 'occupancy',
    term: 'Occupancy (in service)',
    text: 'How many people a pathway is looking after on a day: beds occupied for a bedded pathway, people receiving visits for a home pathway. It can never be above the capacity.',
  },
  {
    id: 'mean-days-delayed',
    term: 'Mean days delayed',
    text: 'The average wait, in days, from being ready to leave acute care to starting on the pathway, over everyone who started on it within the horizon (those who did not wait count as 0 days).',
    formula: 'days waited by everyone admitted ÷ people admitted',
  },
  {
    id: 'delayed-bed-days',
    term: 'Delayed bed-days',
    text: 'The acute bed-days taken up by delayed people over the whole horizon: the number delayed on each day, added up. It is what the acute delay cost is priced on.',
    formula: 'sum over days of the number delayed',
  },
  {
    id: 'share-delayed',
    term: 'Share delayed',
    text: 'The share of the people who started on a pathway within the horizon who had to wait at all first. People already waiting on the first day count as having waited.',
    formula: 'people admitted who waited ÷ people admitted',
  },
  {
    id: 'peak',
    term: 'Peak',
    text: 'The highest daily value over the horizon, such as the most people delayed on any one day, averaged over the replications.',
  },
  {
    id: 'p95',
    term: 'p95 (95th percentile)',
    text: 'The value that 95 % of values stay at or below: a bad day, but not the very worst. For the number delayed it is taken over every day of every replication.',
  },
  {
    id: 'utilisation',
    term: 'Utilisation',
    text: 'How much of the capacity is in use, on average.',
    formula: 'mean occupancy ÷ capacity',
  },
  {
    id: 'total-cost',
    term: 'Total cost',
    text: 'The cost of a scenario over the horizon: the acute delay cost plus the community cost, on the cost basis shown beside it.',
    formula: 'acute delay cost + community cost',
  },
  {
    id: 'acute-delay-cost',
    term: 'Acute delay cost',
    text: 'What the delayed bed-days cost the acute hospital, at the workbook’s cost of an acute bed-day.',
    formula: 'delayed bed-days × acute cost per bed-day',
  },
  {
    id: 'community-cost',
    term: 'Community cost',
    text: 'What the pathway itself costs: community bed-days (P2, P3) or home visits (P1), at the workbook’s unit cost, on the cost basis shown beside it.',
  },
  {
    id: 'cost-basis',
    term: 'Cost basis (commissioned or occupied)',
    text: 'How community capacity is priced: commissioned pays for every bed or visit slot bought, used or not; occupied pays only for the days a person is in the bed or receiving visits. The same plan costs more on the commissioned basis, so compare figures only on the same basis.',
    formula: 'commissioned: capacity × days × unit cost; occupied: occupied days × unit cost',
  },
  {
    id: 'replications',
    term: 'Replications',
    text: 'How many times the simulation is run with different random draws. Each replication is one possible year; the results are averages over them, and more replications give narrower confidence intervals.',
  },
  {
    id: 'seed',
    term: 'Seed',
    text: 'The number the random draws start from. The same seed, model and replications give exactly the same results, so a run can be repeated and checked.',
  },
  {
    id: 'confidence-interval',
    term: '95 % confidence interval',
    text: 'The range the true average is likely to lie in, given the replications run: with 95 % confidence. An interval for a difference that includes zero means the simulation cannot tell the two scenarios apart.',
    formula: 'mean ± t × standard deviation ÷ √replications (t is Student’s 97.5 % point for replications − 1 degrees of freedom, about 2)',
  },
  {
    id: 'common-random-numbers',
    term: 'Common random numbers',
    text: 'Every scenario is run on the same random arrivals and stays in each replication, so a difference between two scenarios comes from the change, not from luck. That makes intervals for differences much narrower than for each scenario alone.',
  },
  {
    id: 'scenario',
    term: 'Scenario',
    text: 'One combination of capacity, length of stay and arrivals for a pathway. Its label joins the three: BCap_Blos_BArr is baseline capacity, baseline length of stay and baseline arrivals; S1Arr would be the first alternative arrivals, and so on.',
  },
  {
    id: 'baseline',
    term: 'Baseline',
    text: 'The scenario other scenarios are compared with: by default today’s capacity, length of stay and arrivals (the “B” in BCap_Blos_BArr).',
  },
  {
    id: 'los',
    term: 'LOS (length of stay)',
    text: 'How many days a person stays on a pathway. Pathflow draws it from a lognormal distribution set by its mean and median: the mean is pulled up by a few long stays, so the median is below it.',
    formula: 'lognormal with μ = ln(median), σ = √(2 ln(mean ÷ median))',
  },
  {
    id: 'erlang-c',
    term: 'Erlang C',
    text: 'A standard queueing formula that gives the chance an arriving person has to wait, from the offered load and the capacity, in a steady state. Pathflow uses it as a quick check and a starting point; the simulation handles the changes over time it cannot.',
  },
  {
    id: 'offered-load',
    term: 'Offered load',
    text: 'How many beds (or visit slots) would be busy on average if nobody ever had to wait. Capacity must be above it or the queue grows without end.',
    formula: 'referrals a day × mean length of stay',
  },
  {
    id: 'service-target',
    term: 'Service target',
    text: 'What Plan capacity aims for: at most a given number of days delayed per patient, patients delayed on a busy day of a typical run or on a bad day (95th percentile of all days), or share of patients ever delayed. The smallest capacity that meets it with 95 % confidence is proposed; if one place less could not be told from the limit, it says so.',
  },
  {
    id: 'sensitivity',
    term: 'Sensitivity',
    text: 'How much a result changes when one input is moved by a set percentage (for example 10 %) up and down. The tornado chart ranks the inputs by how much they move the result.',
  },
  {
    id: 'pathways',
    term: 'P1, P2, P3',
    text: 'The discharge to assess pathways: P1 is support at home (visits), P2 is a short-term community bed for rehabilitation or recovery, P3 is a care home bed for people with the most complex needs.',
  },
  {
    id: 'd2a',
    term: 'D2A (discharge to assess)',
    text: 'Discharging people from hospital as soon as they are medically ready and assessing their longer-term needs at home or in a community bed, not in the acute ward.',
  },
  {
    id: 'node',
    term: 'Node',
    text: 'One pathway in one place, such as P2 beds in one locality: its own capacity, length of stay, arrivals and costs. A workbook holds one or more nodes.',
  },
  {
    id: 'blocked',
    term: 'Blocked (in a network)',
    text: 'A person whose stay in a node has ended but who cannot move on because the next node has no free bed and no room in its queue, so they stay where they are and keep their bed. Blocked people in an acute node are the delayed discharges; blocked people in a community bed (a P3 bed waiting for a care-home place) hold a bed nobody else can use. daily.csv and summary.csv count them per node, time-averaged over each day.',
  },
  {
    id: 'occ-bed',
    term: 'Beds held (occ_bed)',
    text: 'Every bed of a node that someone is holding: people in service, people blocked, people in a transfer out, and beds reserved for people on their way in. It is what a node\'s capacity limits, and what its bed cost is charged on.',
    formula: 'occ + blocked + transfer + reserved',
  },
  {
    id: 'transfer',
    term: 'In transfer',
    text: 'A person who is moving on to the next node but still in their bed while the move takes place (the transfer delay of the route, such as arranging transport or a package of care). Their bed is held until they leave.',
  },
  {
    id: 'reserved',
    term: 'Reserved bed',
    text: 'A bed kept free for a person in a transfer on their way to this node. Nobody else can take it, so it counts as held.',
  },
  {
    id: 'flows',
    term: 'Flows',
    text: 'The people who moved along a route from one node to another (or to an exit) on each day, counted when they move. flows.csv gives them per route and day; the report\'s flow diagram shows the total over the horizon.',
  },
  {
    id: 'deadlock',
    term: 'Deadlock',
    text: 'A loop of blocked people each waiting for a bed held by the next, such as a full P3 waiting for a full care home whose residents wait for P3, so nobody can ever move. Pathflow records each one when it forms and counts them in system.csv; by default it leaves them stuck, as the real system would be, and an option admits the longest-waiting person above capacity instead (a forced admission).',
  },
  {
    id: 'network-delayed-bed-days',
    term: 'Delayed-discharge bed-days (in a network)',
    text: 'In a modelled network, the acute bed-days taken up by people blocked in acute nodes: medically fit, waiting for the next node. It is the network\'s own count of delayed discharges, in system.csv for each network and scenario, and it does not include time in a transfer out of acute.',
    formula: 'sum over days and acute nodes of the number blocked',
  },
  {
    id: 'time-in-system',
    term: 'Time in system (in a network)',
    text: 'For a person who left a modelled network during the horizon, the days from entering it (arriving from outside, or the first day for people already there) to leaving it by an exit. People still in the network when the horizon ends are not counted, so long journeys that started late are left out. system.csv gives the mean and the 50th, 90th and 95th percentiles over people, and the mean by exit.',
  },
  {
    id: 'readmission',
    term: 'Readmission (in a network)',
    text: 'A stay started at an acute node by a person who has already had a stay somewhere in the network: they came back to hospital. Counted per 100 people who left the network in the horizon.',
    formula: '100 × readmissions of people who left ÷ people who left',
  },
  {
    id: 'time-percentile',
    term: 'Time-weighted percentile of a level',
    text: 'The level (beds held, people blocked, people queuing) a node was at or below for 50, 90 or 95 % of the horizon\'s time, in each replication, then averaged over replications: occ_bed_time_p90 of 60 means 60 beds or fewer were held 90 % of the time. Not the same as p95 delayed, which is a percentile of daily figures.',
  },
  {
    id: 'horizon',
    term: 'Horizon',
    text: 'The days the model covers, from the first date to the last in the workbook. Totals such as delayed bed-days and costs are over the horizon.',
  },
];

export function glossaryEntry(id: string): GlossaryEntry {
  const entry = GLOSSARY.find((e) => e.id === id);
  if (!entry) throw new Error(`no glossary entry "${id}"`);
  return entry;
}

/** docs/glossary.md, whole: generated by scripts/glossary-docs.ts so the page and the app never disagree. */
export function glossaryMarkdown(): string {
  const lines = [
    '# Glossary',
    '',
    '<!-- Generated from src/report/glossary.ts by `npx tsx scripts/glossary-docs.ts`: edit the definitions there. -->',
    '',
    'The words and measures Pathflow’s web app and reports use. The app shows the same text in its Help section; each “?” beside a figure opens its entry.',
    '',
  ];
  for (const entry of GLOSSARY) {
    lines.push(`## ${entry.term}`, '', `<a id="${entry.id}"></a>${entry.text}`, '');
    if (entry.formula) lines.push(`Formula: \`${entry.formula}\``, '');
  }
  return lines.join('\n');
}
