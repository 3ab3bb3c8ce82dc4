/**
 * What a run read, as a report names it. `pathflow run` takes an IPACS workbook, a model.json
 * or PathSimR's two templates; a board report that called PathSimR's network template "the
 * workbook" would send a reader looking for a spreadsheet that does not exist.
 */
import type { RunManifest } from './runData.js';

export interface RunInputText {
  /** The title page's label for it. */
  label: string;
  /** The title page's value: the file or files. */
  value: string;
  /** The methods' words for it, as the object of "The inputs are ...". */
  phrase: string;
}

export function runInputText(manifest: RunManifest, modelName: string): RunInputText {
  const file = manifest.input?.file;
  if (file !== undefined && manifest.imported?.from === 'pathsimr') {
    const files = [file, manifest.imported.calendar?.file].filter((name) => name !== undefined);
    return { label: 'PathSimR templates', value: files.join(' and '), phrase: `PathSimR's network and calendar templates ${files.map((name) => `"${name}"`).join(' and ')}, imported as docs/pathsimr.md describes` };
  }
  if (file !== undefined && file.toLowerCase().endsWith('.json')) return { label: 'Model file', value: file, phrase: `the model file "${file}"` };
  if (file !== undefined) return { label: 'Workbook', value: file, phrase: `the IPACS parameter workbook "${file}"` };
  return { label: 'Model', value: modelName, phrase: `the model "${modelName}"` };
}
