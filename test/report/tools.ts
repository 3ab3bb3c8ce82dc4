/**
 * What the report tests need from the machine: Debian's Chromium (for the PDF) and
 * poppler-utils (pdftotext, pdftoppm, to read the PDF back). Missing is a skip on a
 * developer's machine, said why, and a failure in CI, where .ci/run installs both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const inCi = process.env.CI === 'true';

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

/** Why the PDF tests cannot run here, or undefined when they can. */
export function pdfSkipReason(): string | undefined {
  const missing: string[] = [];
  if (!existsSync('/usr/bin/chromium')) missing.push('/usr/bin/chromium (apt-get install -y chromium)');
  for (const tool of ['pdftotext', 'pdftoppm']) if (!onPath(tool)) missing.push(`${tool} (apt-get install -y poppler-utils)`);
  if (missing.length === 0) return undefined;
  const reason = `missing ${missing.join(', ')}`;
  if (inCi) throw new Error(`${reason}: CI=true, so the PDF report tests must run (.ci/run installs these)`);
  console.warn(`skipping the PDF report tests: ${reason}`);
  return reason;
}

/** The PDF's text, whitespace collapsed. */
export function pdfText(path: string): string {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout.replace(/\s+/g, ' ');
}

/** Page images under `prefix`-N.png (pdftoppm's numbering). */
export function pdfPages(path: string, prefix: string, resolution = 50): void {
  const result = spawnSync('pdftoppm', ['-r', String(resolution), '-png', path, prefix], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftoppm failed: ${result.stderr}`);
}
