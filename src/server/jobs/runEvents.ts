/**
 * A run's progress as server-sent events (event `run`, data a RunEvent), read from the runs
 * table, so it works whichever process does the run (a `pathflow worker` on another
 * machine). The first event is the run as it is now; one follows each change; the stream
 * ends after the event of a finished run (succeeded, failed or cancelled).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { RunEvent } from '../apiTypes.js';
import type { Database } from '../storage/tables.js';
import { getRun, isTerminal } from './runStore.js';

/** Often enough for a progress bar; the database is asked no more than this per watcher. */
const POLL_MS = 500;
/** A comment now and then keeps proxies from closing a quiet stream (a long run between tasks). */
const KEEP_ALIVE_MS = 15_000;

export async function streamRunEvents(db: Kysely<Database>, runId: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  let open = true;
  request.raw.on('close', () => (open = false));
  let last = '';
  let quietSince = Date.now();
  try {
    while (open) {
      // The database restarting pauses the stream; it goes on when the database is back.
      const row = await getRun(db, runId).catch(() => 'unavailable' as const);
      if (row === 'unavailable') {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        continue;
      }
      if (!row) break;
      const event: RunEvent = { status: row.status, progress: Number(row.progress), ...(row.error ? { error: row.error } : {}) };
      const data = JSON.stringify(event);
      if (data !== last) {
        out.write(`event: run\ndata: ${data}\n\n`);
        last = data;
        quietSince = Date.now();
      } else if (Date.now() - quietSince > KEEP_ALIVE_MS) {
        out.write(': still running\n\n');
        quietSince = Date.now();
      }
      if (isTerminal(row.status)) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } catch (error) {
    request.log.warn({ err: error, runId }, 'run events stopped');
  } finally {
    out.end();
  }
}
