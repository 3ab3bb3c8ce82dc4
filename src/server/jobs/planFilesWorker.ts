/**
 * Worker-thread entry: one plan searched and its files made off the server's thread
 * (planFilesThread.ts starts it). The files go back with their buffers transferred, not copied.
 * Transferring detaches them, which costs a thread that goes on computing its compiled code
 * (V8's ArrayBufferDetaching protector: see scenarioWorker.ts); this is the thread's last act.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { planFilesOf } from './planJob.js';
import type { PlanFilesReply, PlanFilesRequest } from './planFilesThread.js';

const port = parentPort!;
const request = workerData as PlanFilesRequest;
const reply = (message: PlanFilesReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function main() {
  const files = await planFilesOf(request.model, request.options, { source: request.source, onProgress: (done, total) => reply({ type: 'progress', progress: { done, total } }) });
  // TextEncoder gives each file a buffer of its own, so transferring it moves only its bytes.
  reply({ type: 'files', files }, Object.values(files).map((bytes) => bytes.buffer as ArrayBuffer));
}

main().catch((error: unknown) => reply({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
