/**
 * The team server's tables, as Kysely sees them. One definition for SQLite and PostgreSQL,
 * so only portable column types are used: ids are text (random UUIDs), times are ISO 8601
 * text in UTC (they sort as text on both), JSON is text, booleans are integers 0/1, and
 * file contents are bytes (BLOB / bytea). Migrations (migrations.ts) create exactly these.
 */
import type { ColumnType, Generated } from 'kysely';

/** Least to most: each role can do everything the ones before it can. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** `run`: pathflow run; `plan`: pathflow optimise (a node or a component). */
export type RunKind = 'run' | 'plan';

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  /** argon2id hash for a local account; null for one that signs in only by OpenID Connect. */
  password_hash: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  created_at: string;
  disabled: number;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's random value: a stolen database holds no usable session. */
  id: string;
  user_id: string;
  /** Sent back in the x-csrf-token header by every unsafe request on a cookie session. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the token; the token itself is shown once, when made. */
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: string;
}

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: Role;
}

export interface ModelsTable {
  id: string;
  workspace_id: string;
  name: string;
  /** The newest revision's number; saving compares against it (no lost update). */
  latest_revision: number;
  created_at: string;
  created_by: string;
  deleted_at: string | null;
}

/** Immutable: a revision is written once and never updated. */
export interface ModelRevisionsTable {
  model_id: string;
  revision: number;
  /** The model as validated by validateModel, as modelFileText writes it. */
  spec: string;
  message: string;
  created_at: string;
  created_by: string;
}

export interface RunsTable {
  id: string;
  workspace_id: string;
  model_id: string;
  revision: number;
  kind: RunKind;
  /** JSON: the options the run was asked for (replications, seed, ...), defaults filled in. */
  options: string;
  pathflow_version: string;
  status: RunStatus;
  /** 0 to 1, written by the worker as it goes. */
  progress: number;
  attempts: number;
  cancel_requested: number;
  error: string | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** The sweep that started the run with others (POST /sweeps), or null. */
  sweep_id: string | null;
  /** Its place in the sweep's list as asked (from 0); null outside a sweep and in sweeps started before it was kept. */
  sweep_position: number | null;
}

/** Runs started together, in one workspace or across several (a regional sweep). */
export interface SweepsTable {
  id: string;
  created_by: string;
  created_at: string;
  /** JSON: the options every run of the sweep was given (replications, seed). */
  options: string;
}

/** A finished run's files, written in one transaction when the run succeeds. */
export interface RunFilesTable {
  run_id: string;
  name: string;
  content: Uint8Array;
}

export interface ReportsTable {
  id: string;
  run_id: string;
  format: string;
  content: Uint8Array;
  created_by: string;
  created_at: string;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  /** Null for the system (a worker, a migration). */
  user_id: string | null;
  workspace_id: string | null;
  /** e.g. `model.create`, `model.revise`, `run.start`, `run.cancel`, `member.set`, `token.create`, `auth.login`. */
  action: string;
  target_type: string;
  target_id: string;
  /** JSON: what changed, never a secret. */
  detail: ColumnType<string, string | undefined, string>;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  models: ModelsTable;
  model_revisions: ModelRevisionsTable;
  runs: RunsTable;
  sweeps: SweepsTable;
  run_files: RunFilesTable;
  reports: ReportsTable;
  audit: AuditTable;
}
