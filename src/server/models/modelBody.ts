/**
 * A model sent to the API, held to the one model schema (validateModel) like a workbook's
 * or a link's: refused 400 naming the first field at fault, with every problem listed.
 */
import type { ModelSpec } from '../../engine/model.js';
import { validateModel } from '../../engine/modelSchema.js';
import { HttpError } from '../httpError.js';

/** validateModel's paths end with the node's id for a reader (`nodes[2].los[0].mean (P2_North)`); a field is the bare path. */
function fieldPath(path: string): string {
  return path.replace(/ \([^()]*\)$/, '');
}

/** The model as validated (unknown fields dropped), or a 400 whose `field` is `model.` and the path. */
export function checkedModel(value: unknown, at = 'model'): ModelSpec {
  const checked = validateModel(value);
  if (checked.ok) return checked.model;
  const issues = checked.issues.map((issue) => ({ path: issue.path === '' ? at : `${at}.${issue.path}`, message: issue.message }));
  const first = checked.issues[0];
  const field = first.path === '' ? at : `${at}.${fieldPath(first.path)}`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw new HttpError(400, `the model is not valid: ${issues[0].path}: ${first.message}${more}`, { field, issues });
}
