/**
 * Issue 17, exact display near the limit, in the app's words for a confident target: a figure
 * just above the limit never reads as the limit, a figure at it reads as it, and decimals only.
 */
import { describe, expect, it } from 'vitest';
import type { TargetAnswer } from '../../src/engine/nodeTarget.js';
import type { TargetReading } from '../../src/engine/network/jointTargetDecision.js';
import { boundaryText, pointText, statusText } from '../../src/web/components/nodeTargetWords.js';
import { figureAgainst, readingText } from '../../src/web/components/jointTargetWords.js';

const boundary = { capacity: 30, replications: 200, value: 0.049, low: 0.04, high: 0.0500004 };

describe('a node target in words', () => {
  it('prints an upper bound just above a 5 % limit with the digits that show it above, not as 5.00 %', () => {
    const text = boundaryText(boundary, { metric: 'share-ever-delayed', limit: 0.05 }, 0.95);
    expect(text).toBe('4.90 % (between 4.00 % and 5.00004 % with 95 % confidence each way), 200 replications');
  });

  it('says how sure the answer is, and labels the point estimate as not the answer', () => {
    const answer: TargetAnswer = { status: 'budget-spent', capacity: 30, pointCapacity: 28, confidence: 0.95, levelPerLook: 0.99, looks: 5, replications: 800, maxReplications: 800, at: boundary, replicationsSimulated: 700 };
    expect(statusText(answer, 'beds')).toBe(
      'Meets the target with 95 % confidence. One place less could not be told from the limit within 800 replications (the most allowed), so it may meet the target too: 29 beds may be enough.',
    );
    expect(pointText(answer, 'beds', 50)).toMatch(/^28 beds: the least capacity whose average over the search’s 50 replications meets the limit\. Not a confident answer/);
  });
});

describe('a network target in words', () => {
  it('never prints a failing figure as the limit, nor a meeting one above it', () => {
    expect(figureAgainst(0.500016, 0.5)).toBe('0.50002');
    // At the limit meets it, so a figure just below may read as the limit: it still reads as meeting.
    expect(figureAgainst(0.4999, 0.5)).toBe('0.50');
    expect(figureAgainst(0.5, 0.5)).toBe('0.50');
    expect(figureAgainst(1234.5, 2)).toBe('1,234.50');
  });

  it('gives the mean and both bounds the decision used, with the replications behind them', () => {
    const reading: TargetReading = { capacities: [18, 21], replications: 80, mean: 0.288, low: 0.16, high: 0.5000001, decision: 'unclear' };
    expect(readingText(reading, { metric: 'delayed-per-day', limit: 0.5 })).toBe('0.29 a day (between 0.16 and 0.5000001 with 95 % confidence each way, from 80 replications)');
  });
});
