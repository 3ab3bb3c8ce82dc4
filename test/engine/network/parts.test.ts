/** The network's building blocks: capacity schedule, event queue, and the model's checks. */
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../src/engine/network/eventQueue.js';
import { compileNetwork, NetworkModelError, type NetworkModel } from '../../../src/engine/network/networkModel.js';
import { CandidateList, PatientTable } from '../../../src/engine/network/patients.js';
import { CapacitySchedule, constantSchedule } from '../../../src/engine/network/schedule.js';
import { exponential, NetworkMetric, trace } from './helpers.js';

describe('capacity schedule', () => {
  const schedule = new CapacitySchedule([
    { from: 0, capacity: 3 },
    { from: 2.5, capacity: 5.9 },
    { from: 4, capacity: 0 },
  ]);
  it('reads the period holding t; a change applies from its own instant; fractions round down', () => {
    expect([0, 2.4999, 2.5, 3, 4, 100].map((t) => schedule.capacityAt(t))).toEqual([3, 3, 5, 5, 0, 0]);
    expect(constantSchedule(7).capacityAt(1e6)).toBe(7);
  });
  it('remembers the period last read without changing any answer', () => {
    // A calendar over a warm-up (periods before 0), read at times that mostly stay in one
    // period, sometimes jump back or far ahead, and land on period starts exactly.
    let state = 12345;
    const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const periods = [{ from: -28, capacity: 0 }];
    for (let i = 1; i < 120; i++) periods.push({ from: periods[i - 1].from + 0.05 + random() * 0.5, capacity: Math.floor(random() * 12) });
    const cached = new CapacitySchedule(periods);
    const plain = (t: number): number => {
      let level = Math.floor(periods[0].capacity);
      for (const period of periods) if (period.from <= t) level = Math.floor(period.capacity);
      return level;
    };
    let t = -30;
    for (let i = 0; i < 20_000; i++) {
      const jump = random();
      if (jump < 0.05) t = -30 + random() * 70;
      else if (jump < 0.1) t = periods[Math.floor(random() * periods.length)].from;
      else t += random() * 0.1;
      expect(cached.capacityAt(t)).toBe(plain(t));
    }
    expect(cached.capacityAt(NaN)).toBe(plain(NaN));
    expect(cached.capacityAt(-Infinity)).toBe(0);
    expect(cached.capacityAt(Infinity)).toBe(Math.floor(periods[periods.length - 1].capacity));
  });
  it('averages each day exactly', () => {
    expect(Array.from(schedule.dailyAverages(6))).toEqual([3, 3, 4, 5, 0, 0]);
  });
  it('refuses schedules that do not start at 0, go backwards or are negative', () => {
    expect(() => new CapacitySchedule([{ from: 1, capacity: 2 }])).toThrow('starts with a period from time 0');
    expect(() => new CapacitySchedule([{ from: 0, capacity: 2 }, { from: 0, capacity: 3 }])).toThrow('period 2 starts at 0');
    expect(() => new CapacitySchedule([{ from: 0, capacity: -1 }])).toThrow('period 1 has capacity -1');
  });
  it('a constant calendar gives the same replication as the constant capacity', () => {
    const model = (capacity: NetworkModel['nodes'][number]['capacity']): NetworkModel => ({
      days: 50,
      nodes: [{ id: 'X', kind: 'bed', capacity, arrivals: new Array<number>(50).fill(3), los: exponential(2) }],
      edges: [],
    });
    const constant = trace(model(5)).record.values;
    const calendar = trace(model([{ from: 0, capacity: 5 }, { from: 20, capacity: 5 }])).record.values;
    expect(Array.from(calendar)).toEqual(Array.from(constant));
    expect(trace(model(5)).record.row(0, NetworkMetric.admissions).some((x) => x > 0)).toBe(true);
  });
});

describe('event queue', () => {
  it('pops by time, then rank, then insertion order', () => {
    const queue = new EventQueue();
    const pushed: [number, number, number][] = [];
    // Many ties in time and rank, more events than the initial capacity.
    for (let i = 0; i < 1000; i++) {
      const time = (i * 7919) % 50;
      const rank = (i * 31) % 3;
      pushed.push([time, rank, i]);
      queue.push(time, rank, 0, 0, i);
    }
    const popped: number[] = [];
    while (queue.pop()) popped.push(queue.poppedSubject);
    const expected = [...pushed].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]).map((e) => e[2]);
    expect(popped).toEqual(expected);
    expect(queue.peekTime()).toBe(Infinity);
  });

  it('keeps that order when pushes and pops interleave, before and after the first day, near and far', () => {
    const queue = new EventQueue();
    let state = 12345;
    // A fixed linear congruential sequence: the same interleaving on every run.
    const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (const firstDay of [-30, 0]) {
      queue.clear(firstDay);
      const waiting: [number, number, number][] = [];
      const popped: number[] = [];
      const expected: number[] = [];
      let now = firstDay - 3;
      for (let i = 0; i < 5000; i++) {
        if (random() < 0.55 || waiting.length === 0) {
          // Ties at whole days and at the edges of the queue's buckets (1/32 day), fractions,
          // a few far beyond the rest (a long stay), and a very few beyond any horizon, which
          // the queue keeps in its heap from the start.
          const far = random();
          const tie = random();
          const ahead =
            far < 0.005 ? 1e5 * (1 + random()) : far < 0.1 ? 300 * random() : tie < 0.3 ? Math.floor(3 * random()) : tie < 0.5 ? Math.floor(64 * random()) / 32 : 2 * random();
          const event: [number, number, number] = [now + ahead, Math.floor(3 * random()), i];
          waiting.push(event);
          queue.push(event[0], event[1], 0, 0, i);
        } else {
          waiting.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
          const next = waiting.shift()!;
          expect(queue.peekTime()).toBe(next[0]);
          queue.pop();
          now = queue.poppedTime;
          popped.push(queue.poppedSubject);
          expected.push(next[2]);
        }
      }
      expect(popped).toEqual(expected);
    }
  });
});

describe('candidate list', () => {
  it('keeps FIFO order through late inserts, removals, shifts, slides and growth', () => {
    const patients = new PatientTable();
    const list = new CandidateList();
    const model: number[] = [];
    const byRequest = (a: number, b: number) => patients.requestTime[a] - patients.requestTime[b] || patients.ordinal[a] - patients.ordinal[b];
    // Thousands of patients, a few of them asking earlier than the tail, with shifts and
    // removals in between, so the list slides its candidates to the start and grows.
    for (let i = 0; i < 3000; i++) {
      const p = patients.add(0, i);
      patients.requestTime[p] = i % 17 === 0 ? i - 5.5 : i;
      patients.requestFrom[p] = 0;
      list.insert(p, patients);
      model.push(p);
      model.sort(byRequest);
      if (i % 3 === 0) expect(list.shift()).toBe(model.shift());
      if (i % 50 === 7) {
        list.removeAt(2);
        model.splice(2, 1);
      }
      if (i % 400 === 399) while (model.length > 10) expect(list.shift()).toBe(model.shift());
    }
    expect(Array.from({ length: list.size }, (_, i) => list.at(i))).toEqual(model);
  });
});

describe('model checks name the field at fault', () => {
  const base = (): NetworkModel => ({
    days: 10,
    nodes: [
      { id: 'A', kind: 'bed', capacity: 2, los: exponential(1), arrivals: new Array<number>(10).fill(1) },
      { id: 'out', kind: 'exit' },
    ],
    edges: [{ from: 'A', to: 'out', probability: 1 }],
  });
  const cases: [string, (m: NetworkModel) => void, string][] = [
    ['duplicate id', (m) => m.nodes.push({ id: 'A', kind: 'delay', los: exponential(1) }), 'nodes[2].id: A is already the name of nodes[0]'],
    ['unknown kind', (m) => ((m.nodes[0] as { kind: string }).kind = 'ward'), 'nodes[0] (A).kind: ward is not one of bed, acute, delay, exit'],
    ['unknown target', (m) => (m.edges[0].to = 'B'), 'edges[0].to: no node is called B'],
    ['edge out of an exit', (m) => m.edges.push({ from: 'out', to: 'A', probability: 1 }), 'edges[1].from: out is an exit'],
    ['probabilities', (m) => m.edges.push({ from: 'A', to: 'A', probability: 0.5 }), 'edges from A: probabilities sum to 1.5, not 1'],
    ['arrivals length', (m) => (m.nodes[0].arrivals = [1, 2]), 'nodes[0] (A).arrivals: 2 days of arrivals for a 10-day horizon'],
    ['negative capacity', (m) => (m.nodes[0].capacity = -2), 'nodes[0] (A).capacity: capacity period 1 has capacity -2'],
    ['capacity on a delay', (m) => m.nodes.push({ id: 'D', kind: 'delay', capacity: 3, los: exponential(1) }), 'nodes[2] (D).capacity: a delay node has no capacity'],
    ['buffer', (m) => (m.nodes[0].queueInternal = 1.5), 'nodes[0] (A).queueInternal: 1.5 is not a whole number of places'],
    ['los', (m) => (m.nodes[0].los = { family: 'lnorm', mean: 3 }), 'nodes[0] (A).los: a lognormal length of stay needs a median or an sd_los'],
    ['missing los', (m) => delete m.nodes[0].los, 'nodes[0] (A).los: a bed node needs a length of stay'],
    ['arrival times', (m) => (m.nodes[0] = { ...m.nodes[0], arrivals: undefined, arrivalTimes: [1, 0.5] }), 'nodes[0] (A).arrivalTimes[1]: 0.5 is not a time in [0, 10)'],
  ];
  for (const [name, spoil, message] of cases) {
    it(name, () => {
      const model = base();
      spoil(model);
      expect(() => compileNetwork(model)).toThrow(NetworkModelError);
      expect(() => compileNetwork(model)).toThrow(message);
    });
  }
  it('the unspoilt model compiles', () => {
    expect(compileNetwork(base()).ids).toEqual(['A', 'out']);
  });
});
