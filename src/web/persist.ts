/**
 * What survives a reload (local storage) and what a shared link carries (the URL hash).
 *
 * A link holds the whole model, not a reference to a server copy: JSON, deflated (fflate)
 * and base64url-encoded after `#s=`. The hash never reaches a server, so a shared model is
 * never uploaded anywhere.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { ModelSpec } from '../engine/model.js';

export const STORAGE_KEY = 'pathflow:v1';
const FORMAT_VERSION = 1;

export interface SavedState {
  model: ModelSpec;
  replications: number;
  seed: number;
  /** Where the model came from, for the page's heading. */
  source: string;
}

interface Envelope extends SavedState {
  v: number;
}

function isSavedState(value: unknown): value is Envelope {
  const v = value as Envelope | null;
  return (
    typeof v === 'object' && v !== null && v.v === FORMAT_VERSION && typeof v.model === 'object' && Array.isArray(v.model?.nodes) &&
    Array.isArray(v.model?.dates) && Number.isInteger(v.replications) && Number.isInteger(v.seed)
  );
}

function envelope(state: SavedState): Envelope {
  return { v: FORMAT_VERSION, ...state };
}

function unwrap(value: unknown): SavedState | undefined {
  if (!isSavedState(value)) return undefined;
  const { v: _version, ...state } = value;
  return state;
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

export function loadLocal(storage: Storage = localStorage): SavedState | undefined {
  try {
    const text = storage.getItem(STORAGE_KEY);
    return text ? unwrap(JSON.parse(text)) : undefined;
  } catch {
    return undefined;
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

/** The state in a `#s=` hash, or undefined if there is none or it is damaged. */
export function decodeShareHash(hash: string): SavedState | undefined {
  const match = /^#s=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!match) return undefined;
  try {
    return unwrap(JSON.parse(strFromU8(inflateSync(fromBase64Url(match[1])))));
  } catch {
    return undefined;
  }
}
