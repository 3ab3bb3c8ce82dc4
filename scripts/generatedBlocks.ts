/**
 * Docs with generated tables keep them between `<!-- generated:NAME -->` and
 * `<!-- /generated:NAME -->` markers, so a script can refresh the tables and leave the prose
 * as written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Prints the blocks (`toStdout`), or replaces each one's text in `doc`; every block must have its markers. */
export function writeGeneratedBlocks(doc: string, blocks: Map<string, string>, toStdout: boolean): void {
  if (toStdout) {
    for (const [name, text] of blocks) console.log(`<!-- generated:${name} -->\n${text}\n<!-- /generated:${name} -->\n`);
    return;
  }
  if (!existsSync(doc)) throw new Error(`${doc} does not exist; run with --stdout to see the blocks`);
  let text = readFileSync(doc, 'utf8');
  const missing: string[] = [];
  for (const [name, content] of blocks) {
    const pattern = new RegExp(`(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!pattern.test(text)) missing.push(name);
    else text = text.replace(pattern, (_, open: string, close: string) => `${open}\n${content}\n${close}`);
  }
  if (missing.length > 0) throw new Error(`${doc} lacks the generated blocks ${missing.join(', ')}`);
  writeFileSync(doc, text);
}
