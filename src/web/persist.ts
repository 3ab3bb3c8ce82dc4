/**
 * What survives a reload (local storage) and what a shared link carries (the URL hash).
 *
 * A link holds the whole model, not a reference to a server copy: JSON, deflated (fflate)
 * and base64url-encoded after `#s=`. The hash never reaches a server, so a shared model is
 * never uploaded anywhere.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import * as v from 'valibot';
import type { ModelSpec } from '../engine/model.js';
import { formatModelIssue, issuePath, validateModel, versionedModel } from '../engine/modelSchema.js';

export const STORAGE_KEY = 'pathflow:v1';
const FORMAT_VERSION = 1;
/** The most replications the run panel accepts; a link asking for more is refused. */
export const MAX_REPLICATIONS = 10_000;
/** Problems listed for a refused link or stored model; the rest are counted. */
const ISSUES_LISTED = 5;

export interface SavedState {
  model: ModelSpec;
  replications: number;
  seed: number;
  /** Where the model came from, for the page's heading. */
  source: string;
}

/**
 * What a link or storage gave back: a state whose model passed the model schema, or why
 * not, in a planner's words with the path of each problem. Both come from outside (a link
 * anyone can craft, storage any page script or an older version wrote), so both are checked
 * as a workbook is. When refused, `issues` lists the first few problems and a count of the
 * rest, and `problems` counts them all (absent: as many as are listed).
 */
export type Restored = { ok: true; state: SavedState } | { ok: false; issues: string[]; problems?: number };

const wholeNumber = (least: number, most: number) =>
  v.pipe(v.number('is not a whole number'), v.integer('is not a whole number'), v.minValue(least, `is below ${least}`), v.maxValue(most, `is above ${most}`));

const envelopeSchema = v.object(
  {
    v: v.literal(FORMAT_VERSION, 'is not a Pathflow saved state of a version this page reads'),
    model: v.unknown(),
    replications: wholeNumber(1, MAX_REPLICATIONS),
    seed: wholeNumber(0, 0xffffffff),
    source: v.pipe(v.string('is not text'), v.maxLength(1000, 'is longer than 1,000 characters')),
  },
  'it is not a Pathflow saved state',
);

function envelope(state: SavedState): object {
  return { v: FORMAT_VERSION, ...state, model: versionedModel(state.model) };
}

function refusedWith(issues: string[]): Restored {
  const shown = issues.length <= ISSUES_LISTED ? issues : [...issues.slice(0, ISSUES_LISTED), `and ${issues.length - ISSUES_LISTED} more problems`];
  return { ok: false, issues: shown, problems: issues.length };
}

/** The state in parsed JSON, checked: the envelope's fields, then the model through the schema. */
export function restore(value: unknown): Restored {
  // valibot would take a list for an object with every field missing.
  if (Array.isArray(value)) return { ok: false, issues: ['it is not a Pathflow saved state'] };
  const outer = v.safeParse(envelopeSchema, value);
  if (!outer.success) {
    return refusedWith(outer.issues.map((issue) => (issue.path?.length ? `${issuePath(issue).join('.')}: ${issue.message}` : issue.message)));
  }
  const checked = validateModel(outer.output.model);
  if (!checked.ok) return refusedWith(checked.issues.map((issue) => formatModelIssue({ ...issue, path: issue.path === '' ? 'model' : `model.${issue.path}` })));
  const { replications, seed, source } = outer.output;
  return { ok: true, state: { model: checked.model, replications, seed, source } };
}

export function saveLocal(state: SavedState, storage: Storage = localStorage): boolean {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(envelope(state)));
    return true;
  } catch {
    // Full or disabled storage (private windows): the app still works, it just will not remember.
    return false;
  }
}

/** What this browser saved: undefined when nothing was (or storage is unavailable). */
export function loadLocal(storage: Storage = localStorage): Restored | undefined {
  let text: string | null;
  try {
    text = storage.getItem(STORAGE_KEY);
  } catch {
    return undefined;
  }
  if (!text) return undefined;
  try {
    return restore(JSON.parse(text));
  } catch {
    return { ok: false, issues: ['the saved model is not valid JSON'] };
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function encodeShareHash(state: SavedState): string {
  return `#s=${toBase64Url(deflateSync(strToU8(JSON.stringify(envelope(state))), { level: 9 }))}`;
}

/**
 * The most a link may unpack to. Far above any model a link can usefully carry (the public
 * IPACS sample unpacks to well under 1 MiB), and low enough that a link made as a deflate
 * bomb (a few kB that unpack to gigabytes) is refused before it fills the tab's memory.
 */
export const MAX_LINK_UNPACKED_BYTES = 64 * 1024 * 1024;

class LinkTooLarge extends Error {}

/** Inflates chunk by chunk, stopping as soon as the output passes the limit. */
function inflateBounded(packed: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) throw new LinkTooLarge();
    chunks.push(chunk);
  });
  // Fed in slices, so that the inflater hands output over (and the limit is checked) as it goes.
  const slice = 16 * 1024;
  for (let at = 0; at < packed.length; at += slice) inflater.push(packed.subarray(at, at + slice), at + slice >= packed.length);
  if (packed.length === 0) inflater.push(packed, true);
  const whole = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.length;
  }
  return whole;
}

/** The state in a `#s=` hash; undefined when the hash holds no link at all. */
export function decodeShareHash(hash: string): Restored | undefined {
  if (!hash.startsWith('#s=')) return undefined;
  const match = /^#s=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!match) return { ok: false, issues: ['the link is damaged: it holds characters a Pathflow link never has (was it cut or edited?)'] };
  let text: string;
  try {
    text = strFromU8(inflateBounded(fromBase64Url(match[1]), MAX_LINK_UNPACKED_BYTES));
  } catch (error) {
    if (error instanceof LinkTooLarge) return { ok: false, issues: [`the link unpacks to more than ${MAX_LINK_UNPACKED_BYTES / 1024 / 1024} MiB, more than any model a link carries: it was not opened`] };
    return { ok: false, issues: ['the link is damaged: it cannot be unpacked (was it cut short?)'] };
  }
  try {
    return restore(JSON.parse(text));
  } catch {
    return { ok: false, issues: ['the link is damaged: what it holds is not valid JSON'] };
  }
}
