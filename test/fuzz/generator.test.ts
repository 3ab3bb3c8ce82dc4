/**
 * The fuzz suite's own parts: the generator replays a case exactly, the rewritten example is
 * still the example, and the checks the suite applies catch what they are meant to catch.
 * A fuzz suite whose checks cannot fail proves nothing.
 */
import { describe, expect, it } from 'vitest';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { firstFormulaField, messageProblem } from './cliCase.js';
import { browserSample, DEFAULT_SEED, example, fuzzPlan, makeCase, RUN_CASES, VALIDATE_CASES } from './mutations.js';
import { writeZip } from './zip.js';
import { unzipSync } from 'fflate';

describe('the fuzz generator', () => {
  it('makes the same file for the same seed and case, whatever was made before', async () => {
    const plan = fuzzPlan(DEFAULT_SEED);
    const planned = plan.find((candidate) => candidate.index === 120)!;
    const first = await makeCase(DEFAULT_SEED, planned);
    await makeCase(DEFAULT_SEED, plan[3]);
    const again = await makeCase(DEFAULT_SEED, planned);
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(again.description).toBe(first.description);
    expect(fuzzPlan(DEFAULT_SEED)).toEqual(plan);
  });

  it('draws other parameters for another seed, and takes every kind once before repeating any', async () => {
    const plan = fuzzPlan(DEFAULT_SEED);
    expect(plan).toHaveLength(VALIDATE_CASES + RUN_CASES);
    const randomKind = plan.find((planned) => planned.kind === 'bytes: flip bits')!;
    const ours = await makeCase(DEFAULT_SEED, randomKind);
    const theirs = await makeCase(DEFAULT_SEED + 1, randomKind);
    expect(theirs.description).not.toBe(ours.description);
    const kinds = new Set(plan.filter((planned) => planned.command === 'validate').map((planned) => planned.kind));
    const firstPass = plan.slice(0, kinds.size).map((planned) => planned.kind);
    expect(new Set(firstPass).size).toBe(kinds.size);
    const sample = browserSample(DEFAULT_SEED);
    expect(sample).toHaveLength(25);
    expect(sample.map((planned) => planned.kind)).toEqual(expect.arrayContaining(['probe: note at arrivals!XFD1048576', 'probe: arrivals 1e308']));
  });

  it('rewrites the example with its own zip writer into a workbook that reads as the example', async () => {
    const parts = Object.entries(unzipSync(example())).map(([name, data]) => ({ name, data }));
    const rewritten = writeZip(parts).bytes;
    const original = await readIpacsWorkbook(example(), { fileName: 'fictional-icb.xlsx' });
    const copy = await readIpacsWorkbook(rewritten, { fileName: 'fictional-icb.xlsx' });
    expect(copy.ok).toBe(true);
    expect(copy).toEqual(original);
  });
});

describe('the fuzz checks', () => {
  it('finds a field a spreadsheet would run as a formula, quoted or not, and passes numbers', () => {
    expect(firstFormulaField('a,b\n1,-2.5\n-0,1e-9\n')).toBeUndefined();
    expect(firstFormulaField('a,b\n1,"x, y"\n2,@SUM(1)\n')).toEqual({ line: 3, field: '@SUM(1)' });
    expect(firstFormulaField('a\n"=HYPERLINK(""http://x"",""y"")"\n')).toEqual({ line: 2, field: '=HYPERLINK("http://x","y")' });
    expect(firstFormulaField("a,b\r\n1,-2+3+cmd|' /C calc'!A0\r\n")?.field).toBe("-2+3+cmd|' /C calc'!A0");
    expect(firstFormulaField("a\n'=1+1\n")).toBeUndefined();
  });

  it('calls a stack trace, an internal error, a control character or an overlong line what they are', () => {
    expect(messageProblem('  los!B8: mean_los must be a positive number')).toBeUndefined();
    expect(messageProblem('    at readSheet (file:///x/read.js:1:2)')).toBe('a stack trace');
    expect(messageProblem('error: Cannot create a string longer than 0x1fffffe8 characters')).toBe('an internal error');
    expect(messageProblem("TypeError: Cannot read properties of undefined (reading 'x')")).toBe('an internal error');
    expect(messageProblem('node "a\u0001b" is not valid')).toBe('a control character');
    expect(messageProblem(`node "${'x'.repeat(600)}"`)).toBe('a line of 607 characters');
  });
});
