/**
 * A zip writer for the fuzz suite. fflate's zipSync cannot write what the suite needs to
 * write: two entries of one name, a size or CRC that lies, a compression method that is not
 * deflate, a name with `../`. Every field is written here, and the writer says where each
 * header starts so a mutation can damage exactly one of them.
 */
import { deflateSync } from 'fflate';

export interface ZipEntry {
  name: string;
  /** The entry's content as it unpacks. */
  data: Uint8Array;
  /** 8 (deflate, the default) or 0 (stored); anything else is written as given, data deflated. */
  method?: number;
  /** Written in place of the real sizes and CRC when given: the lies a mutation tells. */
  declaredSize?: number;
  declaredCompressedSize?: number;
  declaredCrc?: number;
  /** Already compressed bytes (a huge part deflated in a stream); `data` is then ignored. */
  compressed?: { bytes: Uint8Array; size: number; crc: number };
}

export interface WrittenZip {
  bytes: Uint8Array;
  /** Where each entry's local header and central directory record start. */
  headers: Array<{ name: string; local: number; central: number }>;
  endOfDirectory: number;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as zip stores it; `previous` continues a CRC over several chunks. */
export function crc32(data: Uint8Array, previous = 0): number {
  let crc = ~previous >>> 0;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

const encoder = new TextEncoder();

export function writeZip(entries: ZipEntry[]): WrittenZip {
  const prepared = entries.map((entry) => {
    const method = entry.method ?? 8;
    const name = encoder.encode(entry.name);
    const body = entry.compressed ? entry.compressed.bytes : method === 0 ? entry.data : deflateSync(entry.data, { level: 6 });
    const size = entry.compressed ? entry.compressed.size : entry.data.length;
    const crc = entry.compressed ? entry.compressed.crc : crc32(entry.data);
    return {
      name,
      text: entry.name,
      body,
      method,
      size: entry.declaredSize ?? size,
      compressedSize: entry.declaredCompressedSize ?? body.length,
      crc: entry.declaredCrc ?? crc,
    };
  });
  const localLength = prepared.reduce((sum, entry) => sum + 30 + entry.name.length + entry.body.length, 0);
  const centralLength = prepared.reduce((sum, entry) => sum + 46 + entry.name.length, 0);
  const bytes = new Uint8Array(localLength + centralLength + 22);
  const view = new DataView(bytes.buffer);
  const headers: WrittenZip['headers'] = [];
  let at = 0;
  const locals: number[] = [];
  for (const entry of prepared) {
    locals.push(at);
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, 20, true);
    // Bit 11: the name is UTF-8.
    view.setUint16(at + 6, 0x0800, true);
    view.setUint16(at + 8, entry.method, true);
    view.setUint16(at + 10, 0, true);
    view.setUint16(at + 12, 0x21, true);
    view.setUint32(at + 14, entry.crc, true);
    view.setUint32(at + 18, entry.compressedSize, true);
    view.setUint32(at + 22, entry.size, true);
    view.setUint16(at + 26, entry.name.length, true);
    view.setUint16(at + 28, 0, true);
    bytes.set(entry.name, at + 30);
    bytes.set(entry.body, at + 30 + entry.name.length);
    at += 30 + entry.name.length + entry.body.length;
  }
  const directory = at;
  prepared.forEach((entry, index) => {
    headers.push({ name: entry.text, local: locals[index], central: at });
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 8, 0x0800, true);
    view.setUint16(at + 10, entry.method, true);
    view.setUint16(at + 12, 0, true);
    view.setUint16(at + 14, 0x21, true);
    view.setUint32(at + 16, entry.crc, true);
    view.setUint32(at + 20, entry.compressedSize, true);
    view.setUint32(at + 24, entry.size, true);
    view.setUint16(at + 28, entry.name.length, true);
    // Extra, comment, disk, internal and external attributes: all 0.
    view.setUint32(at + 42, locals[index], true);
    bytes.set(entry.name, at + 46);
    at += 46 + entry.name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, prepared.length, true);
  view.setUint16(at + 10, prepared.length, true);
  view.setUint32(at + 12, at - directory, true);
  view.setUint32(at + 16, directory, true);
  return { bytes, headers, endOfDirectory: at };
}

/** An archive with no entries: the end record alone. */
export function emptyZip(): Uint8Array {
  return writeZip([]).bytes;
}
