/**
 * Worker-thread entry: one run's files built off the server's thread (runFilesThread.ts
 * starts it). This thread simulates too, with `threads - 1` more simulation threads beside
 * it, so a one-thread run costs one thread as it did when only the simulation was off the
 * server's thread. The files go back with their buffers transferred, not copied.
 * Transferring detaches them, which costs a thread that goes on computing its compiled code
 * (V8's ArrayBufferDetaching protector: see scenarioWorker.ts); this is the thread's last act.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createExecutor } from '../../parallel/workerPool.js';
import { runFilesOf } from './runFiles.js';
import type { RunFilesReply, RunFilesRequest } from './runFilesThread.js';

const port = parentPort!;
const request = workerData as RunFilesRequest;
const reply = (message: RunFilesReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** A file whose bytes are a slice of a bigger buffer (Node's pooled Buffers) is copied, so only its own bytes travel. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? bytes : bytes.slice();
}

async function main() {
  const executor = createExecutor(request.threads);
  try {
    const built = await runFilesOf(request.model, request.options, {
      started: request.started,
      source: request.source,
      executor,
      onProgress: (progress) => reply({ type: 'progress', progress }),
    });
    const files = Object.fromEntries(Object.entries(built).map(([name, bytes]) => [name, ownBuffer(bytes)]));
    reply({ type: 'files', files }, Object.values(files).map((bytes) => bytes.buffer as ArrayBuffer));
  } finally {
    await executor.close();
  }
}

main().catch((error: unknown) => reply({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
