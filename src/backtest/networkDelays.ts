/**
 * Each replication's daily count of people waiting for each node of a network component:
 * the networked counterpart of simulatedDelays. A node in a network is simulated with its
 * whole component, so one job is one component scenario, and it gives back every node's
 * paths. "Waiting for a node" is what a run's daily.csv reports as the node's niq: its own
 * queues plus the patients blocked upstream for it (componentRun.ts, todaysShape).
 */
import { compileNetwork } from '../engine/network/networkModel.js';
import { NetworkMetric } from '../engine/network/networkRecord.js';
import { NetworkSimulator } from '../engine/network/networkSimulation.js';
import type { ComponentTask } from '../engine/network/componentTask.js';

export interface NetworkDelayJob {
  kind: 'network';
  task: ComponentTask;
}

/** `paths[(i * replications + r) * days + d]` for node i of the component (in its order), replication r, day d. */
export function simulateNetworkDelays(job: NetworkDelayJob): Float64Array {
  const { task } = job;
  const network = compileNetwork(task.network);
  const simulator = new NetworkSimulator(network, { monitors: false });
  const { days } = network;
  const n = network.ids.length;
  const replications = task.replications;
  const paths = new Float64Array(n * replications * days);
  for (let r = 0; r < replications; r++) {
    const record = simulator.simulate(task.seed, r);
    for (let i = 0; i < n; i++) {
      const queued = record.row(i, NetworkMetric.niq);
      const upstream = record.nodeRow(record.blockedUpstream, i);
      const at = (i * replications + r) * days;
      for (let d = 0; d < days; d++) paths[at + d] = queued[d] + upstream[d];
    }
  }
  return paths;
}
