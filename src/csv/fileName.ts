/**
 * File names made from input (a model's name, which comes from a workbook's file name, a
 * shared link or stored state; a node id): one rule, used wherever such a name becomes a
 * file name or a zip entry, so that no input can point a file elsewhere (`../`), hide it
 * (a leading dot), or give a name some system refuses.
 */

/** Longest stem, in characters (code points), leaving room for prefixes and extensions. */
export const MAX_FILE_STEM_LENGTH = 100;

/** Path separators, characters Windows refuses, and control characters. */
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g;
/** Names Windows reserves for devices, whatever the extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/**
 * A stem safe in any file system and zip: unsafe characters and runs of dots become `_`,
 * leading dots and spaces and trailing ones (Windows drops them) are removed, the length is
 * bounded, a device name is prefixed, and an empty result becomes `fallback`. A name that is
 * already safe (`IPACS_params`, `fictional-icb`) is returned unchanged.
 */
export function safeFileStem(name: string, fallback = 'model'): string {
  const replaced = name.replace(UNSAFE, '_').replace(/\.{2,}/g, '_');
  const trimmed = (text: string) => text.replace(/^[\s.]+|[\s.]+$/gu, '');
  let stem = trimmed(Array.from(trimmed(replaced)).slice(0, MAX_FILE_STEM_LENGTH).join(''));
  if (WINDOWS_DEVICE.test(stem)) stem = `_${stem}`;
  return stem === '' ? fallback : stem;
}
