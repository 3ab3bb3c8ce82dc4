/**
 * A file a command read, as its manifest names it: the name, SHA-256 and size, so that the
 * outputs can be traced to the very bytes they came from.
 */
import { createHash } from 'node:crypto';

export interface InputFile {
  file: string;
  sha256: string;
  bytes: number;
}

export function inputFileOf(file: string, data: Uint8Array): InputFile {
  return { file, sha256: createHash('sha256').update(data).digest('hex'), bytes: data.byteLength };
}
