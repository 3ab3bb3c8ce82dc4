/**
 * Share links and stored models carrying a network: they come from outside, so a network one
 * round-trips through the model schema unchanged, and a hostile one is refused with what is
 * wrong and where (NaN probabilities, ten million calendar periods, edges to nodes that do not
 * exist, prototype-pollution keys).
 */
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeShareHash, encodeShareHash, loadLocal, restore, saveLocal, type Restored, type SavedState } from '../../src/web/persist.js';
import { networkModel } from '../engine/networkFixture.js';

function link(value: unknown): string {
  return `#s=${Buffer.from(deflateSync(strToU8(JSON.stringify(value)))).toString('base64url')}`;
}

const envelope = (model: unknown) => ({ v: 1, model, replications: 50, seed: 1, source: 'a link' });

function issues(restored: Restored | undefined): string[] {
  if (!restored || restored.ok) throw new Error(`expected a refusal, got ${JSON.stringify(restored)?.slice(0, 200)}`);
  return restored.issues;
}

/** Storage holding what was last set, as a browser's does. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) } as unknown as Storage;
}

describe('a network in links and storage', () => {
  const state: SavedState = { model: networkModel(), replications: 50, seed: 7, source: 'network.xlsx' };
  const versioned = { schemaVersion: 2, ...networkModel() };

  it('round-trips through a share link and through storage, as schema version 2', () => {
    expect(decodeShareHash(encodeShareHash(state))).toEqual({ ok: true, state: { ...state, model: versioned } });
    const storage = memoryStorage();
    expect(saveLocal(state, storage)).toBe(true);
    expect(loadLocal(storage)).toEqual({ ok: true, state: { ...state, model: versioned } });
  });

  it('refuses a NaN probability (null once in JSON) and edges to nodes that do not exist', () => {
    const withEdges = (edges: unknown[]) => ({ ...networkModel(), edges: [...networkModel().edges!, ...edges] });
    expect(issues(restore(envelope(withEdges([{ from: 'Acute_A', to: 'P1_A', probability: NaN }]))))).toEqual(['model.edges[16].probability: is NaN, not a probability']);
    expect(issues(decodeShareHash(link(envelope(withEdges([{ from: 'Acute_A', to: 'P1_A', probability: NaN }])))))).toEqual(['model.edges[16].probability: is null, not a probability']);
    expect(issues(decodeShareHash(link(envelope(withEdges([{ from: 'Nowhere', to: 'Elsewhere', probability: 1 }])))))).toEqual([
      'model.edges[16].from: no node is called "Nowhere"',
      'model.edges[16].to: no node is called "Elsewhere"',
    ]);
  });

  it('refuses a calendar of ten million periods by its length', () => {
    const model = networkModel();
    model.nodes[0].capacity[0].calendar = { periods: 'PERIODS' as never };
    // Spliced into the text: stringifying ten million items takes seconds of the test's own time.
    const text = JSON.stringify(envelope(model)).replace('"PERIODS"', `[${'0,'.repeat(9_999_999)}0]`);
    const refused = issues(decodeShareHash(`#s=${Buffer.from(deflateSync(strToU8(text))).toString('base64url')}`));
    expect(refused).toEqual(['model.nodes[0].capacity[0].calendar.periods (Acute_A): has 10,000,000 periods, more than the 3,653 allowed']);
  }, 60_000);

  it('drops prototype-pollution keys without polluting anything', () => {
    const text = JSON.stringify(envelope(networkModel()))
      .replace('"name":"network"', '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"name":"network"')
      .replace('"from":"Acute_A"', '"__proto__":{"polluted":true},"from":"Acute_A"');
    const parsed = JSON.parse(text) as { model: object };
    expect(Object.hasOwn(parsed.model, '__proto__')).toBe(true);
    const restored = restore(parsed);
    expect(restored).toEqual({ ok: true, state: { model: networkModel(), replications: 50, seed: 1, source: 'a link' } });
    expect(restored.ok && Object.hasOwn(restored.state.model, '__proto__')).toBe(false);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    // A node called __proto__ is only a name that no node has.
    const edges = [{ from: '__proto__', to: 'constructor', probability: 1 }];
    expect(issues(restore(envelope({ ...networkModel(), edges: [...networkModel().edges!, ...edges] })))).toEqual([
      'model.edges[16].from: no node is called "__proto__"',
      'model.edges[16].to: no node is called "constructor"',
    ]);
  });
});
