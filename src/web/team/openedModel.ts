import type { ModelSpec } from '../../engine/model.js';

/** The team model the page's model came from: which revision, and that revision's model as opened. */
export interface OpenedTeamModel {
  modelId: string;
  name: string;
  revision: number;
  spec: ModelSpec;
}
