/**
 * The report options of the command line: `--report` of `pathflow run` and `--format` of
 * `pathflow report`, parsed for commander. The renderers are in src/report/nodeRenderers.ts,
 * shared with the team server.
 */
import { InvalidArgumentError } from 'commander';
import { REPORT_FORMATS, type ReportFormat } from '../app/reportFormats.js';

export { REPORT_FORMATS, reportFileName, type ReportFormat } from '../app/reportFormats.js';

export function reportFormatsOption(text: string): ReportFormat[] {
  try {
    return parseFormats(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** `pdf`, `html,docx` → the formats, each once. */
export function parseFormats(text: string): ReportFormat[] {
  const formats = text.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  const unknown = formats.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0 || formats.length === 0) throw new Error(`report format must be ${REPORT_FORMATS.join(', ')} (or several, comma-separated), not ${unknown.join(', ') || 'nothing'}`);
  return [...new Set(formats)] as ReportFormat[];
}
