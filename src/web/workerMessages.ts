/**
 * What the page and its Web Workers say to each other: one module for both ends, so a worker
 * and its client cannot drift apart. Types only, so neither bundle gains code from it.
 */
import type { ModelSpec } from '../engine/model.js';
import type { ComponentSummary } from '../engine/network/componentSummary.js';
import type { BlockResult, RunTask } from '../engine/run.js';
import type { PackedSummary } from '../engine/summary.js';
import type { JointPlanRequest, JointPlanSummary } from './jointPlanSummary.js';
import type { PlanRequest, PlanSummary } from './planSummary.js';

/** To a simulation worker of the pool (engineWorker.ts): one task; `id` pairs the reply with it. */
export interface EngineWorkerRequest {
  id: number;
  task: RunTask;
}

/**
 * A scenario's summary packed into one transferred buffer, a component's with its own buffers,
 * a block of a scenario's replications (its figures in the run's shared memory), or why it failed.
 */
export type EngineWorkerReply =
  | { id: number; packed: PackedSummary }
  | { id: number; component: ComponentSummary }
  | { id: number; block: BlockResult }
  | { id: number; error: string };

/** What a long task's worker posts (workerTask.ts): progress (its own fields), then done or error. */
export type WorkerTaskReply<Progress, Summary> = ({ type: 'progress' } & Progress) | { type: 'done'; summary: Summary } | { type: 'error'; message: string };

/** To a node plan's worker (planWorker.ts). */
export interface PlanWorkerRequest {
  model: ModelSpec;
  request: PlanRequest;
}

/** A node plan so far: capacities simulated (by the search, the re-pricing, a target's looks and the sensitivity's variants). */
export interface PlanProgress {
  capacities: number;
  replications: number;
}

export type PlanWorkerReply = WorkerTaskReply<PlanProgress, PlanSummary>;

/** To a network plan's worker (jointPlanWorker.ts). */
export interface JointPlanWorkerRequest {
  model: ModelSpec;
  request: JointPlanRequest;
}

/** A network plan so far: capacity vectors simulated (by the search, the re-pricing and a target's further blocks). */
export interface JointPlanProgress {
  vectors: number;
  replications: number;
}

export type JointPlanWorkerReply = WorkerTaskReply<JointPlanProgress, JointPlanSummary>;
