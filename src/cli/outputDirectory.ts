/**
 * Writes a command's files all or nothing, and never touches a file Pathflow did not write.
 *
 * Files are staged in a hidden sibling directory. A target that does not exist is the staging
 * directory renamed into place. An existing directory is written into only when it is empty
 * or its manifest.json is unmistakably an earlier Pathflow output's; then only the files that
 * manifest lists are replaced: they are moved aside, the new files moved in, and on any failure
 * the new ones are taken out and the old ones put back. Everything else in the directory (a
 * note, a folder of charts) stays as it was.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, constants as fsConstants } from 'node:fs';
import { copyFile, link, lstat, mkdir, open, readdir, rename, rm, rmdir, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { holdStaging } from './interrupt.js';

export class OutputDirectoryError extends Error {}

export interface StagedOutput {
  /** The hidden directory files are staged in, for writers elsewhere (another thread). */
  directory: string;
  /** Records a file another writer put in `directory`. */
  record(name: string): void;
  /** Writes a file whose content comes as chunks (streamed: large files never sit whole in memory). */
  write(name: string, content: string | Iterable<string>): Promise<void>;
  files(): string[];
  /** Moves the staged files into place. */
  commit(): Promise<void>;
  /** Removes everything staged. */
  discard(): Promise<void>;
}

/** Far beyond any manifest Pathflow writes (about 1 kB); a bigger file is not one. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

/**
 * A name Pathflow could have written into its output directory: one path component, not
 * hidden, no separators, so nothing a manifest lists can reach outside the directory.
 */
export function isPlainFileName(name: unknown): name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 255) return false;
  if (name.startsWith('.')) return false;
  // Control characters (NUL among them) and separators; ':' too on Windows (drive letters, streams).
  // eslint-disable-next-line no-control-regex
  return !(process.platform === 'win32' ? /[\u0000-\u001f/\\:]/ : /[\u0000-\u001f/\\]/).test(name);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isWholeNumber = (value: unknown, min: number, max: number) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/**
 * The files an earlier `pathflow run` or `pathflow optimise` wrote, from its manifest.json,
 * or why the text is not such a manifest. Every version's manifest has these fields; a
 * project's own manifest.json (a web app's, a package's) has not all of them.
 */
export function pathflowManifestFiles(text: string): { files: string[] } | { reason: string } {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return { reason: 'it is not JSON' };
  }
  if (!isObject(manifest)) return { reason: 'it is not a JSON object' };
  if (typeof manifest.pathflow !== 'string' || !/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/.test(manifest.pathflow)) return { reason: 'it has no "pathflow" version' };
  const writtenByPathflow = ['optimise', 'backtest', 'fit'];
  if (manifest.command !== undefined && !writtenByPathflow.includes(manifest.command as string)) return { reason: `"command" ${JSON.stringify(manifest.command)} is not one Pathflow writes` };
  const input = manifest.input;
  if (!isObject(input) || typeof input.file !== 'string' || typeof input.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(input.sha256) || !isWholeNumber(input.bytes, 0, Number.MAX_SAFE_INTEGER)) {
    return { reason: 'it has no "input" with the workbook\'s name, SHA-256 and size' };
  }
  if (!isWholeNumber(manifest.seed, 0, 0xffffffff) || !isWholeNumber(manifest.runs, 1, Number.MAX_SAFE_INTEGER)) return { reason: 'it has no "seed" and "runs"' };
  if (typeof manifest.started !== 'string' || Number.isNaN(Date.parse(manifest.started))) return { reason: 'it has no "started" time' };
  const files = manifest.files;
  if (!Array.isArray(files)) return { reason: 'it has no "files" list' };
  const strange = files.find((name) => !isPlainFileName(name));
  if (strange !== undefined) return { reason: `"files" lists ${JSON.stringify(strange)}, which is not a plain file name` };
  if (!files.includes('manifest.json')) return { reason: '"files" does not list manifest.json' };
  if (new Set(files).size !== files.length) return { reason: '"files" lists a name twice' };
  return { files: files as string[] };
}

const notOurs = (target: string, why: string) => new OutputDirectoryError(`${target} ${why}; choose another --out (or empty or remove it yourself)`);

type TargetState = { exists: false } | { exists: true; listed: string[] };

/** Whether `target` exists, and if it does, which of its files Pathflow may replace. */
async function inspectTarget(target: string): Promise<TargetState> {
  const info = await lstat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!info) return { exists: false };
  // A link could lead anywhere: what it points at is not the target the user named.
  if (info.isSymbolicLink()) throw notOurs(target, 'is a symbolic link, and Pathflow does not write through links');
  if (!info.isDirectory()) throw notOurs(target, 'exists and is not a directory');
  const entries = await readdir(target);
  if (entries.length === 0) return { exists: true, listed: [] };
  if (!entries.includes('manifest.json')) throw notOurs(target, 'is not empty and is not a Pathflow output directory (it has no manifest.json)');
  const manifestPath = join(target, 'manifest.json');
  const reason = (why: string) => notOurs(target, `is not a Pathflow output directory: ${manifestPath} is not a Pathflow manifest (${why})`);
  let text: string;
  try {
    // O_NOFOLLOW: a manifest.json that is a link is not one Pathflow wrote.
    const handle = await open(manifestPath, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0));
    try {
      const { size, isFile } = await handle.stat().then((stats) => ({ size: stats.size, isFile: stats.isFile() }));
      if (!isFile) throw reason('it is not a file');
      if (size > MAX_MANIFEST_BYTES) throw reason(`it is ${size} bytes`);
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof OutputDirectoryError) throw error;
    throw reason((error as NodeJS.ErrnoException).code === 'ELOOP' ? 'it is a symbolic link' : (error as Error).message);
  }
  const manifest = pathflowManifestFiles(text);
  if ('reason' in manifest) throw reason(manifest.reason);
  return { exists: true, listed: manifest.files };
}

/** Distinguishes this machine's staging from another's on a shared disk, where a pid means nothing. */
const hostTag = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, another user's.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes staging directories beside `target` left by processes on this machine that died
 * without cleaning up (killed outright, or the machine stopped). A live process's staging,
 * another machine's, and any set-aside earlier output are left alone. Best effort: a
 * directory that cannot be removed is no reason to refuse the run.
 */
async function sweepStaleStaging(parent: string, base: string): Promise<void> {
  const pattern = new RegExp(`^\\.${escapeRegExp(base)}\\.partial-(\\d+)-[0-9a-z]+-${hostTag}$`);
  const entries = await readdir(parent).catch(() => [] as string[]);
  for (const name of entries) {
    const match = pattern.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    const path = join(parent, name);
    const info = await lstat(path).catch(() => undefined);
    if (info?.isDirectory()) await rm(path, { recursive: true, force: true }).catch(() => {});
  }
}

const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  );

/**
 * Moves a file to `to` only if nothing is there: a rename would silently replace a file that
 * appeared since the target was inspected. A hard link fails when `to` exists; where the
 * filesystem has no hard links, a check then a rename is as close as it allows.
 */
async function moveWithoutReplacing(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new OutputDirectoryError(`${to} appeared while Pathflow was writing; it was left as it is and nothing was replaced`);
    if (code === 'EXDEV') {
      await copyFile(from, to, fsConstants.COPYFILE_EXCL);
    } else if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EMLINK') {
      if (await exists(to)) throw new OutputDirectoryError(`${to} appeared while Pathflow was writing; it was left as it is and nothing was replaced`);
      await rename(from, to);
      return;
    } else {
      throw error;
    }
  }
  await unlink(from);
}

function describeEntry(info: Awaited<ReturnType<typeof lstat>>): string {
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isDirectory()) return 'a directory';
  return 'not a regular file';
}

/**
 * Replaces, in the existing directory `target`, the files its manifest lists with the staged
 * ones; restores the old ones if any move fails. The manifest goes last out and first in,
 * so the directory is without one for the shortest time a crash could catch it.
 */
async function replaceListedFiles(target: string, listed: readonly string[], staging: string, written: readonly string[], aside: string): Promise<void> {
  const listedSet = new Set(listed);
  for (const name of written) {
    const path = join(target, name);
    const info = await lstat(path).catch(() => undefined);
    if (!info) continue;
    if (!listedSet.has(name)) throw notOurs(target, `already has ${path}, which is not listed in ${join(target, 'manifest.json')} as written by Pathflow`);
    if (!info.isFile()) throw notOurs(target, `has ${path}, which is ${describeEntry(info)}, not a file Pathflow wrote`);
  }
  // A listed name that is now a link or a directory was put there by someone else: left alone.
  const old: string[] = [];
  for (const name of listed) {
    const info = await lstat(join(target, name)).catch(() => undefined);
    if (info?.isFile()) old.push(name);
  }
  const byManifestLast = (names: readonly string[]) => [...names.filter((name) => name !== 'manifest.json'), ...names.filter((name) => name === 'manifest.json')];
  const outOrder = byManifestLast(old);
  const inOrder = byManifestLast(written).reverse();

  await mkdir(aside);
  const movedAside: string[] = [];
  const placed: string[] = [];
  try {
    for (const name of outOrder) {
      await rename(join(target, name), join(aside, name));
      movedAside.push(name);
    }
    for (const name of inOrder) {
      await moveWithoutReplacing(join(staging, name), join(target, name));
      placed.push(name);
    }
  } catch (error) {
    const unrestored: string[] = [];
    for (const name of placed.reverse()) await rename(join(target, name), join(staging, name)).catch(() => {});
    for (const name of movedAside.reverse()) {
      await moveWithoutReplacing(join(aside, name), join(target, name)).catch(() => unrestored.push(name));
    }
    if (unrestored.length === 0) {
      await rmdir(aside).catch(() => {});
      throw error;
    }
    throw new OutputDirectoryError(`${(error as Error).message}; and ${unrestored.join(', ')} could not be put back in ${target}: they are in ${aside}`);
  }
  for (const name of movedAside) await unlink(join(aside, name));
  await rmdir(aside);
}

export async function stageOutput(outDir: string): Promise<StagedOutput> {
  const target = resolve(outDir);
  await inspectTarget(target);
  const parent = dirname(target);
  const base = basename(target);
  await mkdir(parent, { recursive: true });
  await sweepStaleStaging(parent, base);
  const suffix = `${process.pid}-${Date.now().toString(36)}-${hostTag}`;
  const staging = join(parent, `.${base}.partial-${suffix}`);
  const release = holdStaging(staging);
  try {
    await mkdir(staging);
  } catch (error) {
    release();
    throw error;
  }
  const written: string[] = [];
  const remember = (name: string) => {
    if (!isPlainFileName(name)) throw new Error(`internal: ${JSON.stringify(name)} is not a plain file name`);
    if (!written.includes(name)) written.push(name);
  };
  return {
    directory: staging,
    record: remember,
    async write(name, content) {
      remember(name);
      const stream = createWriteStream(join(staging, name), { flags: 'wx' });
      const chunks = typeof content === 'string' ? [content] : content;
      for (const chunk of chunks) {
        if (!stream.write(chunk)) await once(stream, 'drain');
      }
      stream.end();
      await once(stream, 'finish');
    },
    files: () => [...written],
    async commit() {
      // Inspected again: the directory may have changed while the run was simulating.
      let state = await inspectTarget(target);
      if (!state.exists) {
        try {
          await rename(staging, target);
          release();
          return;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== 'EEXIST' && code !== 'ENOTEMPTY' && code !== 'ENOTDIR' && code !== 'EISDIR') throw error;
          // Something was put at the target meanwhile: inspect it like any existing directory.
          state = await inspectTarget(target);
          if (!state.exists) throw error;
        }
      }
      await replaceListedFiles(target, state.listed, staging, written, join(parent, `.${base}.previous-${suffix}`));
      await rmdir(staging);
      release();
    },
    async discard() {
      await rm(staging, { recursive: true, force: true });
      release();
    },
  };
}
