/**
 * Backpressure in a run: however slowly its consumer takes the summaries, the run hands out
 * no more than MOST_UNSETTLED_TASKS tasks whose summaries are not yet taken, and every
 * summary still arrives once, the same as without a slow consumer.
 */
import { describe, expect, it } from 'vitest';
import { buildNationalModel } from '../../scripts/national-model.js';
import { inProcessExecutor, runModel, type TaskExecutor } from '../../src/engine/run.js';
import { MOST_UNSETTLED_TASKS, SettleWindow } from '../../src/engine/settleWindow.js';

/** A consumer that takes each summary only once a timer fires: long after an in-process run's microtasks. */
function slowConsumer() {
  let pending = 0;
  let mostPending = 0;
  const taken: number[] = [];
  const take = (index: number) =>
    new Promise<void>((resolve) => {
      pending++;
      mostPending = Math.max(mostPending, pending);
      setTimeout(() => {
        pending--;
        taken.push(index);
        resolve();
      }, 0);
    });
  return { take, taken, mostPending: () => mostPending };
}

describe('a run with a slow consumer', () => {
  // 18 nodes of 8 scenarios: 144 tasks, several windows' worth.
  const model = buildNationalModel({ icbs: 2, days: 10 });
  const options = { replications: 2, seed: 5 };

  it('never has more than the window of tasks unsettled, on the in-process executor', async () => {
    const consumer = slowConsumer();
    let handedOut = 0;
    let mostAhead = 0;
    const counting: TaskExecutor = (task) => {
      handedOut++;
      mostAhead = Math.max(mostAhead, handedOut - consumer.taken.length);
      return inProcessExecutor(task);
    };
    const result = await runModel(model, { ...options, concurrency: 2 }, counting, undefined, undefined, consumer.take);
    expect(result.scenarios).toHaveLength(144);
    // Without the window every task would be handed out before the first timer fired.
    expect(mostAhead).toBe(MOST_UNSETTLED_TASKS);
    expect(consumer.mostPending()).toBeLessThanOrEqual(MOST_UNSETTLED_TASKS);
    expect([...consumer.taken].sort((a, b) => a - b)).toEqual(result.scenarios.map((_, index) => index));
  });

  it('fails with the consumer’s error, and hands out nothing more', async () => {
    let handedOut = 0;
    const counting: TaskExecutor = (task) => {
      handedOut++;
      return inProcessExecutor(task);
    };
    const failing = () => Promise.reject(new Error('the disk is full'));
    await expect(runModel(model, options, counting, undefined, undefined, failing)).rejects.toThrow('the disk is full');
    expect(handedOut).toBeLessThan(144);
  });
});

describe('SettleWindow', () => {
  it('has room below its limit, waits at it, and gives a freed place to one waiter only', async () => {
    const window = new SettleWindow(2);
    let release: () => void = () => {};
    await window.reserve();
    window.settle(undefined);
    await window.reserve();
    await window.reserve();
    window.settle(new Promise<void>((resolve) => (release = resolve)));
    const reserved: string[] = [];
    const first = window.reserve().then(() => reserved.push('first'));
    const second = window.reserve().then(() => reserved.push('second'));
    await Promise.resolve();
    expect(reserved).toEqual([]);
    // One place frees: only one of the two waiting gets it.
    window.settle(undefined);
    await first;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reserved).toEqual(['first']);
    release();
    await second;
    expect(reserved).toEqual(['first', 'second']);
    window.settle(undefined);
    window.settle(undefined);
    await window.drained();
  });
});
