#!/usr/bin/env node
// The P1 booking kernel alone (issue 16), two builds against each other: the VisitSlots calls
// of some replications of one P1 scenario of the IPACS sample are recorded once (with build A),
// then replayed through each build's VisitSlots alternately in one process, so both meet the
// same neighbours on a shared machine (bench/README.md). Prints CPU ms of each and the paired
// ratio B/A; an A/A call shows the noise of the moment. Each replay's start days are checked
// against the recording, so a build that books differently stops the run. B is always loaded
// second, which moves a build by a per cent or two on its own (bench/README.md, "Plans a byte
// a day"): call it again with A and B swapped as well.
//
//   node bench/visitBooking.mjs <dist A> <dist B> [rounds] [replications] [P1 scenario index]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [distA, distB, roundsArg = '20', replicationsArg = '300', scenarioArg = '0'] = process.argv.slice(2);
if (!distA || !distB) {
  console.error('usage: node bench/visitBooking.mjs <dist A> <dist B> [rounds] [replications] [P1 scenario index]');
  process.exit(2);
}
const at = (dist, path) => join(resolve(dist), path);

/** The calls, as codes and arguments in typed arrays, so the replay allocates nothing. */
const CALL = { reset: 0, plan: 1, tail: 2, book: 3, bookFirstFit: 4 };
const calls = [];
const { VisitSlots } = await import(at(distA, 'engine/visitSlots.js'));
let depth = 0;
for (const name of Object.keys(CALL)) {
  const original = VisitSlots.prototype[name];
  VisitSlots.prototype[name] = function (...args) {
    // Only the simulator's own calls: bookFirstFit calls book itself.
    depth++;
    const result = original.apply(this, args);
    depth--;
    if (depth === 0) calls.push([CALL[name], args, result]);
    return result;
  };
}
const { readIpacsWorkbook } = await import(at(distA, 'workbook/read.js'));
const { allScenarios } = await import(at(distA, 'engine/scenarios.js'));
const { replicationRunner } = await import(at(distA, 'engine/replications.js'));
const { settingsOf } = await import(at(distA, 'engine/run.js'));
const workbook = resolve(root, '../shared/data/ipacs/IPACS_params.xlsx');
const read = await readIpacsWorkbook(new Uint8Array(readFileSync(workbook)), { fileName: 'IPACS_params.xlsx' });
if (!read.ok) throw new Error('the benchmark workbook does not read');
const key = allScenarios(read.model).filter((candidate) => candidate.pathway === 'P1')[Number(scenarioArg)];
const run = replicationRunner(read.model.nodes[key.nodeIndex], key, read.model.dates.length, settingsOf({ seed: 1, replications: 1 }));
for (let r = 0; r < Number(replicationsArg); r++) run(r);

const count = calls.length;
const code = new Int8Array(count);
const args = [new Int32Array(count), new Int32Array(count), new Int32Array(count)];
const expected = new Int32Array(count);
calls.forEach(([call, callArgs, result], i) => {
  code[i] = call;
  // reset's calendar is the simulator's empty one; its other arguments are the three numbers.
  const numbers = call === CALL.reset ? callArgs.slice(1) : callArgs;
  if (call === CALL.reset && callArgs[0].length > 0) throw new Error('a P1 scenario with a calendar');
  numbers.forEach((value, j) => (args[j][i] = value));
  expected[i] = typeof result === 'number' ? result : 0;
});
const bookings = calls.filter(([call]) => call === CALL.bookFirstFit).length;

async function replayOf(dist) {
  // The query string makes a second copy of the module when A and B are the same build.
  const { VisitSlots: Slots } = await import(`${at(dist, 'engine/visitSlots.js')}?${dist}`);
  const slots = new Slots();
  const noCalendar = new Int32Array(0);
  const [a0, a1, a2] = args;
  return () => {
    for (let i = 0; i < count; i++) {
      switch (code[i]) {
        case CALL.reset:
          slots.reset(noCalendar, a0[i], a1[i], a2[i]);
          break;
        case CALL.plan:
          slots.plan(a0[i], a1[i], a2[i]);
          break;
        case CALL.tail:
          slots.tail(a0[i], a1[i]);
          break;
        case CALL.book:
          slots.book(a0[i], a1[i]);
          break;
        default:
          if (slots.bookFirstFit(a0[i], a1[i]) !== expected[i]) throw new Error(`${dist} books call ${i} elsewhere`);
      }
    }
  };
}

const replayA = await replayOf(distA);
const replayB = await replayOf(distB);
for (let i = 0; i < 2; i++) {
  replayA();
  replayB();
}
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const timesA = [];
const timesB = [];
for (let i = 0; i < Number(roundsArg); i++) {
  const order = i % 2 === 0 ? [[replayA, timesA], [replayB, timesB]] : [[replayB, timesB], [replayA, timesA]];
  for (const [replay, times] of order) {
    const started = cpuMs();
    replay();
    times.push(cpuMs() - started);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const ratios = timesA.map((a, i) => timesB[i] / a);
const ms = (values) => `min ${Math.min(...values).toFixed(1)}, median ${median(values).toFixed(1)} ms CPU`;
console.log(`${key.id}, ${replicationsArg} replications (${bookings} first-fit bookings), ${roundsArg} rounds: A ${ms(timesA)}; B ${ms(timesB)}; B/A paired median ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)})`);
