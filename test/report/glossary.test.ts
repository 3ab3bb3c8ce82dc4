import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GLOSSARY, glossaryMarkdown } from '../../src/report/glossary.js';

describe('the glossary', () => {
  it('docs/glossary.md is the text the app shows (regenerate with npx tsx scripts/glossary-docs.ts)', () => {
    expect(readFileSync(new URL('../../docs/glossary.md', import.meta.url), 'utf8')).toBe(glossaryMarkdown());
  });

  it('has one entry per anchor, each a plain sentence or three', () => {
    const ids = GLOSSARY.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of GLOSSARY) {
      expect(entry.id).toMatch(/^[a-z0-9-]+$/);
      const sentences = entry.text.split(/(?<=[.!?])\s+(?=[A-Z])/).length;
      expect(sentences, entry.id).toBeGreaterThanOrEqual(1);
      expect(sentences, entry.id).toBeLessThanOrEqual(3);
    }
  });
});
