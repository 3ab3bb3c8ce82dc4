/**
 * Any zip archive, read with fflate (Node and browsers alike): see zipArchive.ts.
 */
import { unzipSync, type UnzipFileInfo, type Unzipped } from 'fflate';
import type { ZipArchive } from './zipArchive.js';

/** The archive, or undefined when it is damaged. Only the listing is read now. */
export function fflateArchive(data: Uint8Array): ZipArchive | undefined {
  const entries: Array<{ name: string; size: number }> = [];
  const listed = unzip(data, (entry) => {
    entries.push({ name: entry.name, size: entry.originalSize });
    return false;
  });
  if (!listed) return undefined;
  return { entries, read: (name) => unzip(data, (entry) => entry.name === name)?.[name] };
}

/** The entries the filter picks, or nothing when the zip is damaged. */
function unzip(data: Uint8Array, filter: (entry: UnzipFileInfo) => boolean): Unzipped | undefined {
  try {
    return unzipSync(data, { filter });
  } catch {
    return undefined;
  }
}
