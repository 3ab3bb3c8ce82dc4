// The network simulator's throughput: patient-node visits (starts of a stay at any node,
// delay nodes included) a second on one core, on a D2A-shaped network of seven nodes: acute
// beds feeding P1, P2 and P3 (beds here), P3 onward to long-term care places, some patients
// back to acute through time at home. Target (issue 12): 2 M visits a second per core.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const DAYS = 365;
const REPLICATIONS = 20;

export function benchNetworkNetwork() {
  const days = DAYS;
  return {
    days,
    nodes: [
      { id: 'Acute', kind: 'acute', capacity: 420, arrivals: new Array(days).fill(80), los: { family: 'lnorm', mean: 5, sd: 6 } },
      { id: 'P1', kind: 'bed', capacity: 260, los: { family: 'lnorm', mean: 14, sd: 10 } },
      { id: 'P2', kind: 'bed', capacity: 140, los: { family: 'lnorm', mean: 25, sd: 15 } },
      { id: 'P3', kind: 'bed', capacity: 90, los: { family: 'lnorm', mean: 30, sd: 20 } },
      { id: 'LTC', kind: 'bed', capacity: 1200, los: { family: 'exp', mean: 300 } },
      { id: 'Home', kind: 'delay', los: { family: 'exp', mean: 20 } },
      { id: 'Exit', kind: 'exit' },
    ],
    edges: [
      { from: 'Acute', to: 'Exit', probability: 0.55 },
      { from: 'Acute', to: 'P1', probability: 0.25 },
      { from: 'Acute', to: 'P2', probability: 0.12 },
      { from: 'Acute', to: 'P3', probability: 0.08 },
      { from: 'P1', to: 'Exit', probability: 0.9 },
      { from: 'P1', to: 'Home', probability: 0.1 },
      { from: 'P2', to: 'P1', probability: 0.3 },
      { from: 'P2', to: 'Exit', probability: 0.7 },
      { from: 'P3', to: 'LTC', probability: 0.6 },
      { from: 'P3', to: 'Exit', probability: 0.4 },
      { from: 'LTC', to: 'Exit', probability: 1 },
      { from: 'Home', to: 'Acute', probability: 0.5 },
      { from: 'Home', to: 'Exit', probability: 0.5 },
    ],
  };
}

/** Visits a second (wall and CPU) over `repeats` timings of REPLICATIONS replications: min, median, max. */
export async function networkThroughput(dist, repeats, stats) {
  const { compileNetwork } = await import(join(dist, 'engine/network/networkModel.js'));
  const { NetworkSimulator } = await import(join(dist, 'engine/network/networkSimulation.js'));
  const { NetworkMetric } = await import(join(dist, 'engine/network/networkRecord.js'));
  const simulator = new NetworkSimulator(compileNetwork(benchNetworkNetwork()));
  const admissionsOf = (record) => {
    let total = 0;
    for (let node = 0; node < record.nodeCount; node++) for (const value of record.row(node, NetworkMetric.admissions)) total += value;
    return total;
  };
  // CPU seconds beside wall seconds: on a shared, loaded machine the wall clock also counts
  // the time other processes hold the core, which says nothing about this simulator.
  const cpuSeconds = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  };
  const timed = (replications) => {
    let visits = 0;
    const started = performance.now();
    const cpuStarted = cpuSeconds();
    for (let r = 0; r < replications; r++) visits += admissionsOf(simulator.simulate(1, r));
    return { visits, seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSeconds() - cpuStarted };
  };
  timed(3); // warm the JIT
  const runs = Array.from({ length: repeats }, () => timed(REPLICATIONS));
  return {
    visitsPerSecond: stats(runs.map((run) => run.visits / run.seconds)),
    visitsPerCpuSecond: stats(runs.map((run) => run.visits / run.cpuSeconds)),
    visitsPerReplication: runs[0].visits / REPLICATIONS,
    days: DAYS,
    replications: REPLICATIONS,
  };
}
