/**
 * The importer on damaged and hostile pairs: whatever the bytes, it answers (never throws),
 * either with a model the one schema accepts or with problems that each name a file. Seeded,
 * so a failure reproduces; the mutations are character edits of a small correct pair.
 */
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../src/engine/modelSchema.js';
import { importPathsimr } from '../../src/pathsimr/importPathsimr.js';
import { seededUniform } from '../seededUniform.js';

const NETWORK = ',A,B,X,serv_dist,serv_dist_param,ext_queue,int_queue,A,B,X,A,B,X\nA,0,0.7,0.3,lnorm,0.5;0.4,Inf,0,NA,unif,NA,NA,0.5;1,NA\nB,0.1,0,0.9,gamma,2;1.5,0,999,NA,NA,exp,NA,NA,2\nX,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA\n';
const CALENDAR = 'metric,node,start,end,value\ncap,A,0,8,2\ncap,A,8,24,5\ncap,B,0,,3\next_arr,A,0,12,1\next_arr,A,12,24,0.5\next_arr,B,0,,0\n';
const ALPHABET = ',;\n\r"0123456789.-eNAInf ABXcapext_arr\u0000\u2028é';

function mutate(text: string, random: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (out.length + 1));
    const kind = random();
    const char = ALPHABET[Math.floor(random() * ALPHABET.length)];
    if (kind < 0.4) out = out.slice(0, at) + out.slice(at + 1);
    else if (kind < 0.8) out = out.slice(0, at) + char + out.slice(at + 1);
    else out = out.slice(0, at) + char + out.slice(at);
  }
  return out;
}

describe('importPathsimr on damaged pairs', () => {
  it('the correct pair imports', () => {
    const result = importPathsimr(NETWORK, CALENDAR, { unit: 'hours', days: 10 });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('answers 2,000 damaged pairs with a valid model or problems naming a file, never an exception', () => {
    const random = seededUniform(20261205);
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const network = random() < 0.5 ? mutate(NETWORK, random) : NETWORK;
      const calendar = network === NETWORK || random() < 0.5 ? mutate(CALENDAR, random) : CALENDAR;
      const result = importPathsimr(network, calendar, { unit: random() < 0.5 ? 'hours' : 'days', days: 10 });
      if (result.ok) {
        expect(validateModel(result.model).ok).toBe(true);
      } else {
        refused++;
        expect(result.errors.length).toBeGreaterThan(0);
        for (const error of result.errors) expect(error).toMatch(/^(network|calendar)\.csv[ :]/);
      }
    }
    // Most single edits break a rule; some (a digit changed) leave a valid pair.
    expect(refused).toBeGreaterThan(500);
    expect(refused).toBeLessThan(2000);
  });

  it('refuses an empty file and a file of one header', () => {
    expect(importPathsimr('', '', { unit: 'days' })).toEqual({ ok: false, errors: ['network.csv: has no rows: a network template has a header and one row per service point and exit', 'calendar.csv row 1: the header is "", where PathSimR\'s calendar has metric,node,start,end,value'] });
    expect(importPathsimr(NETWORK, 'metric,node,start,end,value\n', { unit: 'days' })).toEqual({ ok: false, errors: ['calendar.csv: has no rows: every service point needs a cap and an ext_arr row'] });
  });
});
