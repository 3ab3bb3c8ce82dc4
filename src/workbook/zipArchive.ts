/**
 * A zip archive as the workbook container needs it: the entries' names and declared sizes
 * (checked before anything is unpacked), and one entry's bytes on demand.
 *
 * Two readers. fflate reads any zip, in Node and browsers alike. Where the platform has a
 * native inflater (Node's zlib), the central directory is read here and entries are inflated
 * natively: fflate inflating a workbook from cold was a tenth of a one-second run, zlib takes
 * 3 ms. The directory reader takes only plain archives (no zip64, encryption or spanning;
 * deflated or stored entries), which is what Excel and LibreOffice write; anything else is
 * left to fflate, and so is every message about a damaged file.
 */

export interface ZipArchive {
  /** Every entry, with the uncompressed size its directory declares. */
  entries: ReadonlyArray<{ name: string; size: number }>;
  /** The entry's bytes; undefined when it cannot be unpacked (a damaged file). */
  read(name: string): Uint8Array | undefined;
}

/** Inflates raw deflate data known to unpack to `size` bytes; throws when it cannot. */
export type InflateRaw = (data: Uint8Array, size: number) => Uint8Array;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

interface Located {
  method: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

/**
 * The archive through its central directory and `inflateRaw`, or undefined when the
 * archive is not a plain one this reader takes (fflate then reads it).
 */
export function directoryArchive(data: Uint8Array, inflateRaw: InflateRaw): ZipArchive | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  // The end record is the last 22 bytes, unless a comment (up to 64 KiB) follows it.
  let end = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY && at + 22 + view.getUint16(at + 20, true) === data.length) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryStart = view.getUint32(end + 16, true);
  // Spanned archives, and zip64 (whose fields here read 0xffff / 0xffffffff).
  if (view.getUint16(end + 4, true) !== 0 || count === 0xffff || directoryStart === 0xffffffff || directoryStart + directorySize > end) return undefined;

  const decoder = new TextDecoder();
  const located = new Map<string, Located>();
  const entries: Array<{ name: string; size: number }> = [];
  let at = directoryStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY) return undefined;
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localHeader = view.getUint32(at + 42, true);
    // Encrypted entries, other compression methods, zip64 sizes.
    if (flags & 1 || (method !== STORED && method !== DEFLATED) || compressedSize === 0xffffffff || size === 0xffffffff || localHeader === 0xffffffff) return undefined;
    const name = decoder.decode(data.subarray(at + 46, at + 46 + nameLength));
    located.set(name, { method, compressedSize, size, localHeader });
    entries.push({ name, size });
    at += 46 + nameLength + extraLength + commentLength;
  }

  return {
    entries,
    read(name) {
      const entry = located.get(name);
      if (!entry) return undefined;
      const header = entry.localHeader;
      if (header + 30 > data.length || view.getUint32(header, true) !== LOCAL_HEADER) return undefined;
      const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
      if (start + entry.compressedSize > data.length) return undefined;
      const compressed = data.subarray(start, start + entry.compressedSize);
      if (entry.method === STORED) return entry.compressedSize === entry.size ? compressed : undefined;
      try {
        const bytes = inflateRaw(compressed, entry.size);
        return bytes.length === entry.size ? bytes : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
