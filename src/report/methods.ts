/**
 * The report's methods and assumptions, in plain English under the STRESS-DES headings
 * (Strengthening the Reporting of Empirical Simulation Studies) that IPACS's report used,
 * and the known differences from the IPACS v1 R model. Shared by the HTML and Word
 * reports; summarised from docs/model.md and docs/ipacs-differences.md.
 */
import type { ReportData } from './runData.js';
import { formatDate, formatWhole } from './format.js';
import { costBasisOf } from '../engine/costBasis.js';
import { BASIS_WORDS } from './plainSummary.js';
import { runInputText } from './runInput.js';

export interface MethodsSection {
  heading: string;
  paragraphs: string[];
  bullets?: string[];
}

export function methodsSections(data: ReportData): MethodsSection[] {
  const { manifest, model } = data;
  const days = model.dates.length;
  const horizon = `${formatDate(model.dates[0])} to ${formatDate(model.dates[days - 1])}`;
  const compat = manifest.compat === 'ipacs-v1';
  const residual = manifest.initialResidual === 'stationary' ? 'the remaining stay of a patient found in service in a steady state (--initial-residual stationary)' : 'uniform between one day and a fresh length-of-stay draw, the IPACS convention';
  return [
    {
      heading: '1. Objectives',
      paragraphs: [
        'The model estimates, for each Discharge to Assess pathway in each locality (a "node"), how many people will be in service, how many will be delayed in an acute bed waiting for the pathway, how long they wait, and what that costs, day by day, under each combination of demand, capacity and length-of-stay scenario in the workbook.',
        'It is for comparing scenarios: what more capacity, shorter stays or higher demand would do to delays and cost. Figures are expectations over many simulated futures, with the spread shown as 95 % bands and intervals.',
      ],
    },
    {
      heading: '2. Logic',
      paragraphs: [
        'Pathway 1 (care at home) is a visit-based model; pathways 2 and 3 are bed-based. Each node is simulated on its own: patients are referred, wait in acute if the pathway is full, are admitted first come first served, and leave after their length of stay.',
        'Bed nodes (P2, P3) run in continuous time with a fixed number of beds. A patient starts at the later of their referral and the time a bed next frees. Patients in service at the start hold a bed for a remaining stay drawn as ' + residual + '; patients already waiting at the start are at the head of the queue and count as delayed.',
        'Visit nodes (P1) run in whole days. The caseload and the mean visits a day give the visit slots a day. Each patient gets a whole-day length of stay and a visit plan that falls from an initial to a final visit rate; they start on the first day on which their whole plan fits in the free slots.',
        'The daily cost is the patients delayed in acute times the acute delay cost, plus community cost: occupied beds (P2, P3) or visits made (P1) times their unit cost, each node priced with its own costs.',
        `Totals in this report are on the ${costBasisOf(data.model)} basis: ${BASIS_WORDS[costBasisOf(data.model)]}. The daily cost charts are always per occupied bed-day or visit, the cost of each day's care; on the commissioned basis a node's capacity costs the same every day whether used or not. The workbook's settings sheet (cost_basis) chooses the basis.`,
      ],
    },
    {
      heading: '3. Data',
      paragraphs: [
        `The inputs are ${runInputText(manifest, model.name).phrase}, as read by Pathflow and shown in the Inputs section: daily mean referrals per arrival scenario, capacity per capacity scenario, the length-of-stay distribution per LOS scenario, the initial state and the unit costs of each node.`,
        'Referrals are a Poisson process whose rate is the day\'s mean. Lengths of stay are lognormal (from the mean and median, or the mean and standard deviation), normal truncated at zero, or exponential, as the workbook says. Capacities of 1,000,000 or more (and the 2,000 IPACS users type for "unlimited" where it exceeds any possible demand) are effectively unrestricted.',
      ],
    },
    {
      heading: '4. Experimentation',
      paragraphs: [
        `Horizon: ${formatWhole(days)} days, ${horizon}. Each scenario was run ${formatWhole(manifest.runs)} times (replications) with seed ${manifest.seed}.`,
        'All scenarios of a node use common random numbers: the same simulated patients meet every scenario, so differences between scenarios are far less noisy than the scenarios themselves. Results do not depend on the number of threads.',
        'Daily figures are the mean over replications, with the 2.5th and 97.5th percentiles as the 95 % band. Horizon figures are means over replications with 95 % t-intervals.',
        compat
          ? 'This run used --compat ipacs-v1: pathway 1 lengths of stay are sampled as the IPACS v1 R code samples them (see the differences below), to reproduce an IPACS answer.'
          : 'This run used Pathflow\'s default sampling (not the IPACS v1 compatibility mode).',
      ],
    },
    {
      heading: '5. Implementation',
      paragraphs: [
        `Pathflow ${manifest.pathflow}, an open-source TypeScript implementation of the IPACS model, running on Node.js or in a web browser. Random numbers: xoroshiro128+, with an independent stream per node, replication and purpose. Bed nodes use the Kiefer–Wolfowitz recursion (exactly equivalent to an event-driven simulation of a first-come-first-served queue); visit nodes book slots day by day.`,
        'The engine is checked by tests against queueing theory (Erlang formulas, the infinite-server queue), conservation of patients in every replication, determinism across thread counts, and the IPACS R model\'s own outputs for its public sample workbook.',
      ],
    },
    {
      heading: '6. Code access',
      paragraphs: [
        'Pathflow is open source under the MIT licence. docs/model.md in its repository describes every assumption; docs/ipacs-differences.md measures every difference from the IPACS R model. The run manifest at the end of this report identifies the input file (by SHA-256), version, seed and replications, so the results can be reproduced exactly.',
      ],
    },
  ];
}

/** The known differences from the IPACS v1 R model, one line each (docs/ipacs-differences.md). */
export const IPACS_DIFFERENCES: string[] = [
  'P1 length of stay: the R code samples a lognormal with a spread of 1 whatever the inputs and discards long stays, so its patients stay 38–57 % as long as the workbook says; Pathflow samples the stated distribution (--compat ipacs-v1 reproduces R). Where P1 capacity binds this multiplies P1 delays and costs.',
  'P1 patients in service at the start: R books them like new referrals, so they can queue; Pathflow keeps their remaining visits.',
  'Bed initial queue: R treats the waiting count as a counter that admits future referrals early; Pathflow admits the waiting patients first as real patients. R overstates occupancy and delays where an initial queue exists.',
  'Bed daily averages: R weights events within a day unevenly and copies or zeroes some days; Pathflow uses exact time averages (small differences).',
  'Rounding: R rounds daily bed means to whole patients; Pathflow keeps them unrounded (its IPACS-layout files round as R does).',
  'Costs: R prices every P2 and P3 node with one locality\'s costs; Pathflow prices each node with its own costs row.',
  'Days delayed: R records a snapshot of current patients\' waits (beds) or the wait on the last service day (P1); Pathflow records the mean wait of the patients admitted that day.',
  'P1 phantom patients and pooled visit rates: R creates two patients for an initial count of 0 and pools visit rates over scenarios; Pathflow does neither.',
  'Replications: R\'s published runs use 50 replications with the same seeds for every scenario; Pathflow uses common random numbers with as many replications as asked.',
];
