/**
 * The README promises Node 20, 22 and 24, and a machine has one of them. This runs the built
 * command line on Node 22 and 24 (fetched from the npm registry, scripts/nodeBinary.ts) beside
 * the Node running the tests, and checks that each writes every output file byte for byte the
 * same: the isolated example, the network example and, when ../shared is here, the IPACS
 * sample, on two threads, so the worker threads and the writer thread are in it. It also
 * checks that on a Node with a module compile cache the command line turns it on (main.ts),
 * for itself and its worker threads, without changing a byte.
 *
 * `run` needs no native addon, so the dependencies installed for this Node serve. The whole
 * suite on another Node, the server's SQLite included, is `npm run test:node-versions`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeBinariesUnavailable, nodeBinary, type NodeBinary } from '../../scripts/nodeBinary.js';
import { cli, example, repoRoot } from '../cliHarness.js';

/**
 * Releases, not just majors, so that a new Node release cannot turn this red on its own: a
 * release that changes a byte should be met on purpose (bump these, see what moved).
 */
const OTHER_VERSIONS = new Map([
  [22, '22.23.5'],
  [24, '24.22.3'],
]);
const OTHER_MAJORS = [...OTHER_VERSIONS.keys()];
const networkExample = join(repoRoot, 'examples/fictional-icb-network.xlsx');
const sample = join(repoRoot, '../shared/data/ipacs/IPACS_params.xlsx');
const inCi = process.env.CI === 'true';

// In CI these must run; elsewhere a machine that cannot fetch them skips, saying why.
const unavailable = nodeBinariesUnavailable();
if (unavailable && !inCi) process.stderr.write(`note: the other Node versions' tests are skipped: ${unavailable}\n`);

const scratch = mkdtempSync(join(tmpdir(), 'pathflow-node-versions-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every file of a run's output directory but the manifest (which names the Node and the clock), by name. */
function outputsOf(directory: string): Map<string, Buffer> {
  return new Map(
    readdirSync(directory)
      .filter((name) => name !== 'manifest.json')
      .sort()
      .map((name) => [name, readFileSync(join(directory, name))]),
  );
}

/** Every file `expected` holds is in `directory`, byte for byte, and no other (`label` says which run in a failure). */
function expectSameOutputs(expected: Map<string, Buffer>, directory: string, label: string): void {
  const written = outputsOf(directory);
  expect([...written.keys()], `${label}'s files`).toEqual([...expected.keys()]);
  for (const [file, bytes] of expected) expect(written.get(file)!.equals(bytes), `${file} in ${label}`).toBe(true);
}

function run(node: string, workbook: string, out: string, extra: string[] = [], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(node, [cli, 'run', workbook, '--out', out, '-q', ...extra], { encoding: 'utf8', cwd: repoRoot, env });
  if (result.status !== 0) throw new Error(`${node} ${workbook}: exit ${result.status}: ${result.stderr}`);
}

const cases = [
  { name: 'the isolated example, every output file', workbook: example, extra: ['--runs', '20', '--outputs', 'all', '--threads', '2'] },
  { name: 'the network example', workbook: networkExample, extra: ['--runs', '10', '--outputs', 'all', '--threads', '2'] },
  ...(existsSync(sample) ? [{ name: 'the IPACS sample', workbook: sample, extra: ['--runs', '20', '--threads', '2'] }] : []),
];
if (!existsSync(sample)) process.stderr.write('note: the IPACS sample is not compared across Node versions: ../shared is absent\n');

describe.skipIf(unavailable !== undefined && !inCi)('the command line on Node 22 and 24', () => {
  const binaries = new Map<number, NodeBinary>();
  /** Why the releases could not be fetched (a machine off the registry): outside CI the tests then skip. */
  let fetchProblem: string | undefined;
  beforeAll(() => {
    try {
      for (const [major, version] of OTHER_VERSIONS) binaries.set(major, nodeBinary(version));
    } catch (error) {
      if (inCi) throw error;
      fetchProblem = (error as Error).message;
      process.stderr.write(`note: the other Node versions' tests are skipped: ${fetchProblem}\n`);
    }
  }, 900_000);

  it('fetches the releases asked for', ({ skip }) => {
    if (fetchProblem) return skip(fetchProblem);
    for (const major of OTHER_MAJORS) expect(binaries.get(major)?.version).toBe(`v${OTHER_VERSIONS.get(major)}`);
  });

  for (const { name, workbook, extra } of cases) {
    it(`writes the same bytes as Node ${process.version}: ${name}`, ({ skip }) => {
      if (fetchProblem) return skip(fetchProblem);
      const here = join(scratch, `${name}-here`);
      run(process.execPath, workbook, here, extra);
      const expected = outputsOf(here);
      expect(expected.size).toBeGreaterThan(2);
      for (const major of OTHER_MAJORS) {
        const out = join(scratch, `${name}-${major}`);
        run(binaries.get(major)!.node, workbook, out, extra);
        expectSameOutputs(expected, out, `Node ${major}`);
        expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).node).toBe(binaries.get(major)!.version);
      }
    });
  }

  it('turns on the module compile cache where Node has one, for its worker threads too, and writes the same bytes', ({ skip }) => {
    if (fetchProblem) return skip(fetchProblem);
    const node = binaries.get(24)!.node;
    // The cache goes under the system's temporary directory unless NODE_COMPILE_CACHE says
    // otherwise: a fresh TMPDIR shows what the command line itself turned on.
    const temporary = join(scratch, 'tmp');
    const cache = join(temporary, 'node-compile-cache');
    const environment: NodeJS.ProcessEnv = { ...process.env, TMPDIR: temporary };
    delete environment.NODE_COMPILE_CACHE;
    delete environment.NODE_DISABLE_COMPILE_CACHE;
    const entries = () => (existsSync(cache) ? readdirSync(cache, { recursive: true }).length : 0);
    const runOn = (directory: string, threads: string, env: NodeJS.ProcessEnv) => run(node, example, join(scratch, directory), ['--runs', '5', '--outputs', 'summary,daily', '--threads', threads], env);

    runOn('cache-off', '2', { ...environment, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(entries(), 'nothing cached when turned off').toBe(0);
    runOn('cache-one-thread', '1', environment);
    const oneThread = entries();
    expect(oneThread, 'modules cached').toBeGreaterThan(0);
    // The same run on two threads loads one module no thread of the one-thread run did: the
    // scenario worker's own file, in a worker thread (the same shared modules have the same
    // entries). Without the cache passed on to worker threads nothing new is cached.
    runOn('cache-on', '2', environment);
    expect(entries(), 'the scenario worker thread cached its module').toBeGreaterThan(oneThread);
    runOn('cache-used', '2', environment);
    const off = outputsOf(join(scratch, 'cache-off'));
    for (const directory of ['cache-one-thread', 'cache-on', 'cache-used']) expectSameOutputs(off, join(scratch, directory), directory);
  });
});
