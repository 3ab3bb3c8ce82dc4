/**
 * Worker-thread entry: runs one task of replications. Kept to a single import of the engine
 * so a thread starts fast; the browser's Web Worker entry does the same with postMessage.
 */
import { runReplications, type ReplicationTask } from '../engine/replications.js';
import type { ReplicationChunk } from '../engine/summary.js';

export default function runTask(task: ReplicationTask): ReplicationChunk {
  return runReplications(task);
}
