/**
 * The JSON the team server's API answers with, as TypeScript types: the server builds
 * these, and the web app's team mode (src/web/team/) reads them with `import type` only,
 * so no server code reaches the browser bundle. The OpenAPI description (at /api/docs)
 * is generated from the routes' JSON Schemas, which must agree with these.
 */
import type { Role, RunKind, RunStatus } from './storage/tables.js';

/** Every 4xx and 5xx body. */
export interface ErrorBody {
  error: {
    message: string;
    /** Where in the request the problem is: a field path such as `model.nodes[2].los[0].mean`. */
    field?: string;
    /** Every problem a model failed the schema with. */
    issues?: { path: string; message: string }[];
    /** 409 on a stale save: the revision now newest. */
    latestRevision?: number;
  };
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
}

export interface SessionView {
  user: UserView;
  /** For a cookie session: send as the x-csrf-token header on every POST, PUT, PATCH and DELETE. */
  csrfToken?: string;
  workspaces: WorkspaceView[];
}

export interface WorkspaceView {
  id: string;
  name: string;
  /** The caller's role in it. */
  role: Role;
}

export interface MemberView {
  user: UserView;
  role: Role;
}

export interface ModelView {
  id: string;
  workspaceId: string;
  name: string;
  latestRevision: number;
  createdAt: string;
  createdBy: UserView;
  updatedAt: string;
  updatedBy: UserView;
}

/** The answer to importing a workbook: the new model, and what the reader warned about (each at its sheet!cell). */
export interface ModelImportView extends ModelView {
  warnings: string[];
}

export interface RevisionView {
  modelId: string;
  revision: number;
  message: string;
  createdAt: string;
  createdBy: UserView;
  /** The model (ModelSpec JSON) — only on GET of one revision. */
  model?: unknown;
}

/** One difference between two revisions of a model: a field path and its two values. */
export interface RevisionChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** GET .../models/:modelId/diff?from=&to=: what changed from revision `from` to `to`. */
export interface RevisionDiffView {
  from: number;
  to: number;
  changes: RevisionChange[];
}

export interface RunView {
  id: string;
  workspaceId: string;
  modelId: string;
  revision: number;
  kind: RunKind;
  options: { replications: number; seed: number } & Record<string, unknown>;
  status: RunStatus;
  progress: number;
  attempts: number;
  error?: string;
  pathflowVersion: string;
  createdAt: string;
  createdBy: UserView;
  startedAt?: string;
  finishedAt?: string;
  /** The stored files' names, once succeeded. */
  files?: string[];
  /** The sweep the run was started in, if any. */
  sweepId?: string;
}

/** What POST /sweeps answers: the sweep's id (for GET /runs?sweep=) and each run it queued, in the order asked. */
export interface SweepView {
  sweepId: string;
  runs: RunView[];
}

/** GET /sweeps/:id: a sweep as the caller may see it. */
export interface SweepDetailView extends SweepView {
  createdAt: string;
  createdBy: UserView;
  options: { replications: number; seed: number };
  /** How many of the runs listed are in each status. */
  counts: Record<RunStatus, number>;
}

/** A server-sent event on /runs/:id/events (event name `run`). */
export interface RunEvent {
  status: RunStatus;
  progress: number;
  error?: string;
}

export interface AuditView {
  id: number;
  at: string;
  user?: UserView;
  action: string;
  targetType: string;
  targetId: string;
  detail: Record<string, unknown>;
}

export interface TokenView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt?: string;
  /** Only in the answer to its creation: shown once, stored only as a hash. */
  token?: string;
}

/** What POST .../runs/:runId/reports answers (201); the report's bytes are at `url`. */
export interface ReportView {
  id: string;
  runId: string;
  format: 'html' | 'pdf' | 'docx';
  createdAt: string;
  createdBy: UserView;
  url: string;
}

/** The headline figures of summary.csv a comparison of two runs shows (each the mean over replications). */
export type ComparedMetric = 'mean_occupancy' | 'mean_delayed' | 'delayed_bed_days' | 'mean_wait_days' | 'total_cost';

/** One node-scenario in two runs: its figures in each and b minus a; a side is absent when that run has no such scenario. */
export interface RunComparisonRow {
  node: string;
  /** The scenario id, as summary.csv's `scenario` column. */
  scenario: string;
  /** The scenario's label (capacity_los_arrival names). */
  label: string;
  a?: Record<ComparedMetric, number>;
  b?: Record<ComparedMetric, number>;
  difference?: Record<ComparedMetric, number>;
}

/** GET /workspaces/:ws/runs/compare?a=&b=: two succeeded runs of the workspace side by side. */
export interface RunComparison {
  a: RunView;
  b: RunView;
  metrics: ComparedMetric[];
  rows: RunComparisonRow[];
}
