/**
 * `pathflow serve`: the team server. Opens the database (a SQLite file by default,
 * PostgreSQL when DATABASE_URL or --database is a postgres:// URL), the job queue that
 * suits it, works runs in this process unless --no-worker, serves the API and the built
 * web app, and stops cleanly on Ctrl+C or SIGTERM: no new requests, running runs handed
 * back to the queue (they start again, with the same bytes), the database closed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';
import { AuthConfigurationError, authOptionsFromEnvironment, type AuthOptions } from '../server/auth/authOptions.js';
import { UsageError } from './errors.js';

// The server's modules (Fastify, Kysely, the drivers) are imported when serve runs, not when
// any other command starts: program.ts imports this file to list the command.

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATABASE_FILE = 'pathflow.db';
const MAX_WORKERS = 64;
/** How long open requests (a progress stream, a download) may take to finish once asked to stop. */
const CLOSE_GRACE_MS = 10_000;

export interface ServeFlags {
  port?: number;
  host?: string;
  database?: string;
  workers?: number;
  /** false with --no-worker. */
  worker: boolean;
}

export interface ServeSettings {
  port: number;
  host: string;
  /** A file path or a postgres:// URL (with its password: the queue connects with it too). */
  database: string;
  workers: number;
  worker: boolean;
  auth: AuthOptions;
  /** Requests a minute per signed-in person (or per address); the server's default when absent. */
  rateLimitPerMinute?: number;
  notes: string[];
}

function wholeNumber(what: string, min: number, max: number) {
  return (text: string): number => {
    const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
    if (!(value >= min && value <= max)) throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}, not '${text}'`);
    return value;
  };
}

export const portNumber = wholeNumber('--port', 0, 65_535);
export const workerCount = wholeNumber('--workers', 1, MAX_WORKERS);

function fromEnvironment<T>(name: string, text: string | undefined, parse: (text: string) => T): T | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return parse(text);
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^--[a-z]+/, name));
  }
}

/** The settings a server starts with: flags, then the environment, then the defaults; every problem named by its flag or variable. */
export async function serveSettings(flags: ServeFlags, env: Record<string, string | undefined>): Promise<ServeSettings> {
  const { isPostgresUrl } = await import('../server/storage/database.js');
  const notes: string[] = [];
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !isPostgresUrl(databaseUrl)) throw new UsageError(`DATABASE_URL must be a postgres:// address, not '${databaseUrl.replace(/\/\/[^@/]*@/, '//***@')}' (for a SQLite file use --database <file>)`);
  if (databaseUrl && flags.database && flags.database !== databaseUrl) notes.push('DATABASE_URL is set, so it is used and --database is not');
  const database = databaseUrl ?? flags.database ?? DEFAULT_DATABASE_FILE;
  const worker = flags.worker;
  if (!worker && !isPostgresUrl(database)) throw new UsageError('--no-worker needs PostgreSQL (DATABASE_URL): with a SQLite file, runs are worked only inside pathflow serve');
  let auth: AuthOptions;
  try {
    auth = authOptionsFromEnvironment(env);
  } catch (error) {
    if (error instanceof AuthConfigurationError) throw new UsageError(error.message);
    throw error;
  }
  return {
    port: flags.port ?? fromEnvironment('PORT', env.PORT, wholeNumber('PORT', 0, 65_535)) ?? DEFAULT_PORT,
    host: flags.host ?? DEFAULT_HOST,
    database,
    workers: flags.workers ?? fromEnvironment('PATHFLOW_WORKERS', env.PATHFLOW_WORKERS, wholeNumber('PATHFLOW_WORKERS', 1, MAX_WORKERS)) ?? 1,
    worker,
    auth,
    rateLimitPerMinute: fromEnvironment('PATHFLOW_RATE_LIMIT', env.PATHFLOW_RATE_LIMIT, wholeNumber('PATHFLOW_RATE_LIMIT', 1, 1_000_000)),
    notes,
  };
}

/** dist/web beside dist/cli; absent when run from the sources or before a build (then the API alone is served). */
function builtWebApp(): string | undefined {
  const root = fileURLToPath(new URL('../web/', import.meta.url));
  return existsSync(`${root}index.html`) ? root : undefined;
}

function signalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      // A second Ctrl+C means now.
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

const log = (message: string) => process.stderr.write(`${message}\n`);

export async function serveCommand(flags: ServeFlags): Promise<void> {
  const settings = await serveSettings(flags, process.env);
  const [{ buildServer }, { createJobQueue }, { createRunJobHandler }, { isPostgresUrl, openDatabase }] = await Promise.all([
    import('../server/http/buildServer.js'),
    import('../server/jobs/createJobQueue.js'),
    import('../server/jobs/runJob.js'),
    import('../server/storage/database.js'),
  ]);
  for (const note of settings.notes) process.stderr.write(`note: ${note}\n`);
  const stop = signalled();
  const database = await openDatabase(settings.database);
  const queue = await createJobQueue(database, { connectionString: isPostgresUrl(settings.database) ? settings.database : undefined, log });
  try {
    await queue.start();
    if (settings.worker) await queue.work(createRunJobHandler(database.db, { log }), settings.workers);
    const webRoot = builtWebApp();
    if (!webRoot) process.stderr.write('note: the web app is not built (npm run build), so only the API is served\n');
    const rateLimit = settings.rateLimitPerMinute === undefined ? undefined : { max: settings.rateLimitPerMinute, timeWindowMs: 60_000 };
    const app = await buildServer({ database, queue, auth: settings.auth, webRoot, rateLimit, logger: true });
    let address: string;
    try {
      address = await app.listen({ port: settings.port, host: settings.host });
    } catch (error) {
      await app.close();
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`port ${settings.port} is in use on ${settings.host}: choose another with --port or PORT`);
      throw error;
    }
    const work = settings.worker ? `${settings.workers} run${settings.workers === 1 ? '' : 's'} at once here` : 'runs worked by pathflow worker elsewhere';
    process.stdout.write(`Pathflow team server at ${address}/ (database: ${database.dialect} ${database.location}; queue: ${queue.kind}, ${work})  (Ctrl+C to stop)\n`);
    const signal = await stop;
    process.stdout.write(`${signal}: stopping: no new requests; runs in progress go back to the queue\n`);
    await Promise.race([app.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
  } finally {
    await queue.stop();
    await database.close();
  }
  process.stdout.write('stopped\n');
}

export function addServeCommand(program: Command): void {
  program
    .command('serve')
    .description('the team server: shared models and runs, an HTTP API (described at /api/docs) and the web app, for a team (see docs/server-configuration.md)')
    .option('-p, --port <n>', `port, 0 to 65535 (default: PORT, else ${DEFAULT_PORT}; 0 for any free one)`, portNumber)
    .option('--host <address>', `address to listen on (default: ${DEFAULT_HOST}, this machine only; 0.0.0.0 for every interface)`)
    .option('--database <file|url>', `a SQLite file, or a postgres:// URL (default: DATABASE_URL, else ${DEFAULT_DATABASE_FILE} here)`)
    .option('--workers <n>', `runs worked at once in this process, 1 to ${MAX_WORKERS} (default: PATHFLOW_WORKERS, else 1)`, workerCount)
    .option('--no-worker', 'work no runs here, only serve (PostgreSQL: pathflow worker processes work them)')
    .action(async (options: ServeFlags) => {
      await serveCommand(options);
    });
}
