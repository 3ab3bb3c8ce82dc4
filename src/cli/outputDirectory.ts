/**
 * Writes a run's files all or nothing: into a hidden sibling directory first, renamed into
 * place only when every file is written, so a failed run never leaves half an output.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { once } from 'node:events';

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

/** An existing target is replaced only when it is empty or an earlier Pathflow output. */
async function checkReplaceable(target: string): Promise<boolean> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return false;
  if (!info.isDirectory()) throw new OutputDirectoryError(`${target} exists and is not a directory`);
  const entries = await readdir(target);
  if (entries.length > 0 && !entries.includes('manifest.json')) {
    throw new OutputDirectoryError(`${target} exists and is not a Pathflow output directory (no manifest.json); choose another --out`);
  }
  return true;
}

export async function stageOutput(outDir: string): Promise<StagedOutput> {
  const target = resolve(outDir);
  await checkReplaceable(target);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const staging = join(parent, `.${basename(target)}.partial-${process.pid}-${Date.now().toString(36)}`);
  await mkdir(staging);
  const written: string[] = [];
  return {
    directory: staging,
    record(name) {
      written.push(name);
    },
    async write(name, content) {
      const stream = createWriteStream(join(staging, name));
      const chunks = typeof content === 'string' ? [content] : content;
      for (const chunk of chunks) {
        if (!stream.write(chunk)) await once(stream, 'drain');
      }
      stream.end();
      await once(stream, 'finish');
      written.push(name);
    },
    files: () => [...written],
    async commit() {
      if (await checkReplaceable(target)) await rm(target, { recursive: true, force: true });
      await rename(staging, target);
    },
    async discard() {
      await rm(staging, { recursive: true, force: true });
    },
  };
}
