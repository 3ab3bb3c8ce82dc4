// The team server under load (issue 15): `pathflow serve` on a temporary SQLite file with a
// seeded model and finished runs, on 127.0.0.1 only; 50 connections read models, runs and
// result files while 10 start small runs and follow them, for BENCH_SERVER_SECONDS (default
// 60). Reports p50 / p99 latency, requests a second and errors (target: none). Bounded: the
// server is stopped and its files removed at the end, whatever happened.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

const READERS = 50;
const STARTERS = 10;
/**
 * People, not a flood: a reader opens two pages a second (a busy person clicking through
 * results), a starter asks how their run is going once a second and starts another when it
 * has finished. At these rates the
 * figures say how the server answers a busy team, not how it queues requests it cannot keep up with.
 */
const READER_REQUESTS_PER_SECOND = 2;
const STARTER_REQUESTS_PER_SECOND = 1;
const SEEDED_RUNS = 3;
const RUN_OPTIONS = { replications: 2, seed: 1 };

async function seedPeople(dist, file) {
  const { openDatabase } = await import(join(dist, 'server/storage/database.js'));
  const { createLocalUser, setMembership } = await import(join(dist, 'server/auth/accounts.js'));
  const { createApiToken } = await import(join(dist, 'server/auth/tokens.js'));
  const { createWorkspace } = await import(join(dist, 'server/models/workspaces.js'));
  const database = await openDatabase(file);
  try {
    const owner = await createLocalUser(database.db, { email: 'owner@bench.example', displayName: 'Bench owner' });
    const workspace = await createWorkspace(database.db, { name: 'Bench ICB', userId: owner.id });
    const tokens = [];
    for (let i = 0; i < READERS + STARTERS; i++) {
      const user = await createLocalUser(database.db, { email: `user${i}@bench.example`, displayName: `Bench user ${i}` });
      await setMembership(database.db, workspace.id, user.id, i < READERS ? 'viewer' : 'editor');
      tokens.push((await createApiToken(database.db, user.id, 'bench')).token);
    }
    return { workspaceId: workspace.id, tokens };
  } finally {
    await database.close();
  }
}

function startServer(root, directory) {
  const child = spawn(process.execPath, [join(root, 'dist/cli/main.js'), 'serve', '--port', '0', '--host', '127.0.0.1', '--database', join(directory, 'bench.db')], {
    cwd: directory,
    // Far above what the load asks, so the figures measure the server, not its rate limit.
    env: { ...process.env, DATABASE_URL: '', PORT: '', PATHFLOW_RATE_LIMIT: '1000000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const closed = new Promise((resolve) => child.on('close', resolve));
  const address = new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Pathflow team server at (http:\/\/[^/\s]+)\//.exec(stdout);
      if (match) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 20);
    closed.then((code) => {
      clearInterval(timer);
      reject(new Error(`pathflow serve ended (${code}): ${stderr}`));
    });
  });
  return {
    address,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await closed;
      clearTimeout(timer);
    },
  };
}

async function api(address, token, method, path, body) {
  const response = await globalThis.fetch(`${address}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** The model saved through the API and SEEDED_RUNS runs of it finished, for the readers to read. */
async function seedModelAndRuns(root, dist, address, workspaceId, editorToken) {
  const { readIpacsWorkbook } = await import(join(dist, 'workbook/read.js'));
  const workbook = join(root, 'examples/fictional-icb.xlsx');
  const read = await readIpacsWorkbook(new Uint8Array(readFileSync(workbook)), { fileName: 'fictional-icb.xlsx' });
  if (!read.ok) throw new Error('the example workbook does not read');
  const base = `/api/v1/workspaces/${workspaceId}`;
  const model = await api(address, editorToken, 'POST', `${base}/models`, { name: 'Fictional ICB', model: read.model });
  const runs = [];
  for (let i = 0; i < SEEDED_RUNS; i++) runs.push(await api(address, editorToken, 'POST', `${base}/models/${model.id}/runs`, { ...RUN_OPTIONS, seed: i + 1 }));
  const deadline = Date.now() + 300_000;
  for (;;) {
    const states = await Promise.all(runs.map((run) => api(address, editorToken, 'GET', `${base}/runs/${run.id}`)));
    const failed = states.find((run) => run.status === 'failed' || run.status === 'cancelled');
    if (failed) throw new Error(`a seeded run ended ${failed.status}: ${failed.error ?? ''}`);
    if (states.every((run) => run.status === 'succeeded')) return { base, modelId: model.id, runs: states };
    if (Date.now() > deadline) throw new Error('the seeded runs did not finish within 5 minutes');
    await sleep(250);
  }
}

/** Each reader is a different person (its own token), going round the pages a planner looks at. */
function readerRequests(seeded) {
  const { base, modelId, runs } = seeded;
  const paths = [`${base}/models`, `${base}/models/${modelId}`, `${base}/runs?modelId=${modelId}`];
  for (const run of runs) {
    paths.push(`${base}/runs/${run.id}`);
    const file = run.files?.includes('summary.csv') ? 'summary.csv' : run.files?.[0];
    if (file) paths.push(`${base}/runs/${run.id}/files/${file}`);
  }
  return paths.map((path) => ({ method: 'GET', path }));
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * A person starting a run and following it to its end before starting the next, as the web
 * app does: at most one run of theirs in the queue, so the queue holds at most STARTERS runs
 * however long the test goes on. `person.runId` is the run they are following.
 */
function starterRequests(seeded) {
  const { base, modelId } = seeded;
  const start = { method: 'POST', path: `${base}/models/${modelId}/runs`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(RUN_OPTIONS) };
  return [
    {
      setupRequest: (request, person) => (person.runId ? { ...request, method: 'GET', path: `${base}/runs/${person.runId}`, body: undefined } : { ...request, ...start }),
      onResponse: (status, body, person) => {
        if (status === 202) person.runId = JSON.parse(body).id;
        else if (status === 200 && FINISHED.has(JSON.parse(body).status)) person.runId = undefined;
      },
    },
  ];
}

/**
 * One autocannon for a group (so its percentiles are over every request of the group), each
 * request made by the next person in turn, with their own token. What a person is doing is
 * kept here, per person: autocannon empties its per-connection context each time a
 * connection comes round its list of requests again.
 */
function load(address, tokens, requests, seconds, connectionRate) {
  const people = tokens.map((token) => ({ token }));
  let next = 0;
  const signed = requests.map((request) => ({
    ...request,
    setupRequest: (prepared, context) => {
      const person = people[next++ % people.length];
      context.person = person;
      const built = request.setupRequest ? request.setupRequest(prepared, person) : prepared;
      return { ...built, headers: { ...built.headers, authorization: `Bearer ${person.token}` } };
    },
    ...(request.onResponse ? { onResponse: (status, body, context) => request.onResponse(status, body, context.person) } : {}),
  }));
  return autocannon({ url: address, connections: tokens.length, duration: seconds, requests: signed, ...(connectionRate ? { connectionRate } : {}) });
}

function figures(result) {
  // Counted from the answers: autocannon's per-second sampling reads 0 at low rates.
  const answered = Object.values(result.statusCodeStats).reduce((sum, { count }) => sum + count, 0);
  return {
    requests: answered + result.errors,
    requestsPerSecond: answered / result.duration,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    // Timeouts are counted in errors too.
    errors: result.errors + result.non2xx,
  };
}

export async function serverLoad(root, dist, seconds = Number(process.env.BENCH_SERVER_SECONDS ?? 60)) {
  if (!(Number.isInteger(seconds) && seconds >= 1)) throw new Error(`BENCH_SERVER_SECONDS must be a whole number of seconds, 1 or more, not '${process.env.BENCH_SERVER_SECONDS}'`);
  const directory = mkdtempSync(join(tmpdir(), 'pathflow-bench-server-'));
  let server;
  try {
    const { workspaceId, tokens } = await seedPeople(dist, join(directory, 'bench.db'));
    server = startServer(root, directory);
    const address = await server.address;
    const readers = tokens.slice(0, READERS);
    const starters = tokens.slice(READERS);
    const seeded = await seedModelAndRuns(root, dist, address, workspaceId, starters[0]);
    const [read, started] = await Promise.all([
      load(address, readers, readerRequests(seeded), seconds, READER_REQUESTS_PER_SECOND),
      load(address, starters, starterRequests(seeded), seconds, STARTER_REQUESTS_PER_SECOND),
    ]);
    const reading = figures(read);
    const starting = figures(started);
    return { seconds, readers: READERS, starters: STARTERS, reading, starting, errors: reading.errors + starting.errors };
  } finally {
    await server?.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}
