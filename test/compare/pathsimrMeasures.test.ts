/**
 * The two measurements behind docs/pathsimr-differences.md on timelines small enough to work
 * out by hand: PathSimR's averaging window, and its one admission per capacity event.
 */
import { describe, expect, it } from 'vitest';
import type { CompiledNetwork } from '../../src/engine/network/networkModel.js';
import { CapacitySchedule } from '../../src/engine/network/schedule.js';
import { replay } from './pathsimrAdmissionRule.js';
import { pathsimrWindowMean, wholeWindowMean } from './pathsimrWindow.js';

describe('PathSimR\'s averaging window', () => {
  it('averages from the first event to the last, leaving out the idle ends', () => {
    const intervals = { starts: [1, 2], ends: [3, 5] };
    expect(wholeWindowMean(intervals, 10)).toBeCloseTo((2 + 3) / 10, 12);
    expect(pathsimrWindowMean(intervals, 10)).toBeCloseTo((2 + 3) / (5 - 1), 12);
  });

  it('counts only what lies in the window, and a zero-length interval as an event', () => {
    const intervals = { starts: [-2, 0.5, 6], ends: [2, 0.5, Infinity] };
    // Level: 1 on [0, 2), 0 on [2, 6), 1 on [6, 8); events in [0, 8): 0.5, 2, 6.
    expect(wholeWindowMean(intervals, 8)).toBeCloseTo((2 + 2) / 8, 12);
    expect(pathsimrWindowMean(intervals, 8)).toBeCloseTo(1.5 / (6 - 0.5), 12);
  });
});

describe('one admission per capacity event', () => {
  // One clinic closed until t = 1, then 3 places; three patients queue from outside, each stays 1.
  const clinic = { ids: ['clinic'], schedules: [new CapacitySchedule([{ from: 0, capacity: 0 }, { from: 1, capacity: 3 }])] } as unknown as CompiledNetwork;
  const journeys = [0.1, 0.2, 0.3].map((arrival) => ({ arrival, origin: 0, nodes: [0], stays: [1] }));

  it('under Pathflow\'s rule admits all three when the clinic opens', () => {
    const { queue } = replay(clinic, journeys, 'pathflow', 0, 10);
    expect(queue[0].ends).toEqual([1, 1, 1]);
  });

  it('under PathSimR\'s admits one, then one more as each stay ends', () => {
    const { queue, occupancy } = replay(clinic, journeys, 'pathsimr', 0, 10);
    expect(queue[0].ends).toEqual([1, 2, 3]);
    expect(occupancy[0].starts).toEqual([1, 2, 3]);
  });

  it('under PathSimR\'s lets a new arrival take a free place ahead of the queue', () => {
    const late = [...journeys, { arrival: 1.5, origin: 0, nodes: [0], stays: [1] }];
    const { queue } = replay(clinic, late, 'pathsimr', 0, 10);
    expect(queue[0].starts).toEqual([0.1, 1.5, 0.2, 0.3]);
    expect(queue[0].ends).toEqual([1, 1.5, 2, 2.5]);
  });

  it('under PathSimR\'s admits one from the internal queue too (nobody is blocked upstream)', () => {
    // A ward always open (no events) feeds the clinic: each patient stays 0.5 there, then queues inside.
    const fed = {
      ids: ['ward', 'clinic'],
      schedules: [new CapacitySchedule([{ from: 0, capacity: 10 }]), new CapacitySchedule([{ from: 0, capacity: 0 }, { from: 1, capacity: 3 }])],
    } as unknown as CompiledNetwork;
    const inside = [0.1, 0.2, 0.3].map((arrival) => ({ arrival, origin: 0, nodes: [0, 1], stays: [0.1, 1] }));
    expect(replay(fed, inside, 'pathflow', 0, 10).queue[1].ends).toEqual([1, 1, 1]);
    expect(replay(fed, inside, 'pathsimr', 0, 10).queue[1].ends).toEqual([1, 2, 3]);
  });

  it('under PathSimR\'s admits one for each copy of the capacity event, and backfills on a repeat of the level', () => {
    const copies = [1, 1].map((time) => ({ time, node: 0, level: 3 }));
    expect(replay(clinic, journeys, 'pathsimr', 0, 10, copies).queue[0].ends).toEqual([1, 1, 2]);
    const repeat = [...copies, { time: 1.5, node: 0, level: 3 }];
    expect(replay(clinic, journeys, 'pathsimr', 0, 10, repeat).queue[0].ends).toEqual([1, 1, 1.5]);
  });
});
