/**
 * Share links and stored models come from outside (anyone can craft a link; any script or
 * older version can write storage), so each goes through the model schema: a hostile one is
 * refused with what is wrong and where, and never reaches the app as a model (issue 10,
 * defect 7).
 */
import { describe, expect, it } from 'vitest';
import { deflateSync, strToU8 } from 'fflate';
import { decodeShareHash, loadLocal, MAX_LINK_UNPACKED_BYTES, STORAGE_KEY, type Restored } from '../../src/web/persist.js';
import { smallModel } from '../workbook/fixtures.js';

/** A link as an attacker would make it: any JSON, packed as Pathflow packs its own. */
function link(value: unknown): string {
  const bytes = deflateSync(strToU8(JSON.stringify(value)));
  return `#s=${Buffer.from(bytes).toString('base64url')}`;
}

function envelope(model: unknown) {
  return { v: 1, model, replications: 50, seed: 1, source: 'a link' };
}

function issues(restored: Restored | undefined): string[] {
  if (!restored || restored.ok) throw new Error(`expected a refusal, got ${JSON.stringify(restored)?.slice(0, 200)}`);
  return restored.issues;
}

const model = smallModel();
const withNode = (change: (node: (typeof model.nodes)[number]) => unknown) => ({ ...model, nodes: [change(structuredClone(model.nodes[0])), ...model.nodes.slice(1)] });

const hostile: [what: string, model: unknown, first: string][] = [
  ['nodes: [null]', { ...model, nodes: [null] }, 'model.nodes[0]: is null, not an object'],
  ['nodes: [{}]', { ...model, nodes: [{}] }, 'model.nodes[0].id: is missing (expected a node id such as P2_North)'],
  ['a node with no costs', withNode(({ costs: _costs, ...node }) => node), 'model.nodes[0].costs (P1_A): is missing (expected an object with community and acuteDelay)'],
  ['a negative capacity', withNode((node) => ({ ...node, capacity: [{ name: 'BCap', capacity: -5 }] })), 'model.nodes[0].capacity[0].capacity (P1_A): capacity -5 is negative'],
  [
    'a daily series of one value',
    withNode((node) => ({ ...node, arrivals: [{ name: 'BArr', daily: [3] }] })),
    'model.nodes[0].arrivals[0].daily (P1_A): has 1 days, the horizon 3: a series must cover every day',
  ],
  ['arrivals of 1e308', withNode((node) => ({ ...node, arrivals: [{ name: 'BArr', daily: [1e308, 1, 1] }] })), 'model.nodes[0].arrivals[0].daily[0] (P1_A): mean referrals a day 1e+308 is above the most allowed, 1,000 referrals a day'],
  ['a model that is not an object', 'hello', 'model: is the text "hello", not an object (a model)'],
];

describe('hostile share links', () => {
  it.each(hostile)('refuses %s, saying where', (_what, value, first) => {
    expect(issues(decodeShareHash(link(envelope(value))))[0]).toBe(first);
  });

  it('refuses a damaged link and a link of the wrong shape, and ignores a hash that is no link', () => {
    expect(issues(decodeShareHash('#s=%%%'))).toEqual(['the link is damaged: it holds characters a Pathflow link never has (was it cut or edited?)']);
    expect(issues(decodeShareHash(`#s=${Buffer.from(strToU8('not json')).toString('base64url')}`))).toEqual(['the link is damaged: it cannot be unpacked (was it cut short?)']);
    expect(issues(decodeShareHash(link([1, 2])))).toEqual(['it is not a Pathflow saved state']);
    expect(issues(decodeShareHash(link({ ...envelope(model), replications: 1e9 })))[0]).toMatch(/^replications: /);
    expect(decodeShareHash('#results')).toBeUndefined();
  });

  it('refuses a link that unpacks past the limit (a deflate bomb) without unpacking it all', () => {
    // 200 MiB of spaces deflate to about 200 kB: a link a chat message could carry.
    const bomb = deflateSync(new Uint8Array(200 * 1024 * 1024).fill(0x20), { level: 9 });
    const hash = `#s=${Buffer.from(bomb).toString('base64url')}`;
    expect(issues(decodeShareHash(hash))).toEqual([`the link unpacks to more than ${MAX_LINK_UNPACKED_BYTES / 1024 / 1024} MiB, more than any model a link carries: it was not opened`]);
  });

  it('still opens a link just under the limit (padding is JSON white space)', () => {
    const text = JSON.stringify(envelope(model));
    const padded = strToU8(text + ' '.repeat(MAX_LINK_UNPACKED_BYTES - text.length));
    const restored = decodeShareHash(`#s=${Buffer.from(deflateSync(padded)).toString('base64url')}`);
    expect(restored?.ok).toBe(true);
  });

  it('lists five problems at most, and counts the rest', () => {
    const restored = decodeShareHash(link(envelope({ ...model, nodes: [{}, {}, {}] })));
    const found = issues(restored);
    expect(found).toHaveLength(6);
    const rest = Number(/^and (\d+) more problems$/.exec(found[5])![1]);
    // The heading counts every problem, not the lines listed.
    expect(restored?.ok === false && restored.problems).toBe(5 + rest);
  });
});

describe('hostile stored models', () => {
  const storage = (text: string) => ({ getItem: (key: string) => (key === STORAGE_KEY ? text : null), setItem: () => {} }) as unknown as Storage;

  it.each(hostile)('refuses %s, saying where', (_what, value, first) => {
    expect(issues(loadLocal(storage(JSON.stringify(envelope(value)))))[0]).toBe(first);
  });

  it('refuses text that is not JSON', () => {
    expect(issues(loadLocal(storage('{')))).toEqual(['the saved model is not valid JSON']);
  });
});
