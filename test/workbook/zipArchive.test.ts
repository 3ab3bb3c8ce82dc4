/**
 * The central-directory zip reader the CLI uses with zlib, against fflate's, on real
 * workbooks and on archives it must leave to fflate.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zlibInflateRaw } from '../../src/cli/workbookInput.js';
import { fflateArchive } from '../../src/workbook/fflateArchive.js';
import { directoryArchive } from '../../src/workbook/zipArchive.js';
import { repoRoot, samplePath } from './fixtures.js';

const workbooks = [join(repoRoot, 'examples/fictional-icb.xlsx'), ...(existsSync(samplePath) ? [samplePath] : [])];

describe('directoryArchive', () => {
  it.each(workbooks)('lists and unpacks every entry of %s exactly as fflate does', (path) => {
    const data = new Uint8Array(readFileSync(path));
    const native = directoryArchive(data, zlibInflateRaw);
    const reference = fflateArchive(data);
    expect(native).toBeDefined();
    expect(native!.entries).toEqual(reference!.entries);
    for (const { name } of reference!.entries) expect(Buffer.from(native!.read(name)!).equals(Buffer.from(reference!.read(name)!)), name).toBe(true);
    expect(native!.read('no/such/part.xml')).toBeUndefined();
  });

  it('reads stored entries, an archive comment, and refuses a size that lies', () => {
    // An archive comment follows the end record; its length is the record's last field.
    const plain = zipSync({ 'a.txt': [strToU8('stored text'), { level: 0 }], 'b.txt': strToU8('deflated text '.repeat(50)) });
    const comment = strToU8('made by a test');
    const stored = new Uint8Array(plain.length + comment.length);
    stored.set(plain);
    stored.set(comment, plain.length);
    new DataView(stored.buffer).setUint16(plain.length - 22 + 20, comment.length, true);
    const archive = directoryArchive(stored, zlibInflateRaw)!;
    expect(new TextDecoder().decode(archive.read('a.txt'))).toBe('stored text');
    expect(new TextDecoder().decode(archive.read('b.txt'))).toBe('deflated text '.repeat(50));
    // Declared bigger than it is: the inflated length does not match, so the part is unreadable.
    const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
    const directory = view.getUint32(stored.length - 22 - 'made by a test'.length + 16, true);
    const second = directory + 46 + 'a.txt'.length;
    view.setUint32(second + 24, view.getUint32(second + 24, true) + 1, true);
    expect(directoryArchive(stored, zlibInflateRaw)!.read('b.txt')).toBeUndefined();
  });

  it('leaves encrypted, truncated and non-zip data to fflate', () => {
    const zip = zipSync({ 'a.txt': strToU8('hello') });
    const encrypted = zip.slice();
    const directory = new DataView(encrypted.buffer, encrypted.byteOffset, encrypted.byteLength).getUint32(encrypted.length - 22 + 16, true);
    encrypted[directory + 8] |= 1;
    expect(directoryArchive(encrypted, zlibInflateRaw)).toBeUndefined();
    expect(directoryArchive(zip.slice(0, zip.length - 5), zlibInflateRaw)).toBeUndefined();
    expect(directoryArchive(strToU8('not a zip at all, just some text long enough'), zlibInflateRaw)).toBeUndefined();
  });
});
