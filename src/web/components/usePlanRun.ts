/**
 * The life of one plan run in the page, shared by Plan capacity and Plan a network: start it in
 * a worker (cancelling one still running), show its progress, keep its answer with the request
 * and model it answered, word its outcome in the status line, and cancel it. One place, so a
 * cancel or a failure reads the same in both.
 */
import { useRef, useState } from 'react';
import type { ModelSpec } from '../../engine/model.js';

export interface PlanRunOutcome<Request, Summary> {
  summary: Summary;
  request: Request;
  /** The model the plan was made on, to tell when it is stale. */
  model: ModelSpec;
}

export interface PlanRunner<Request, Summary, Progress> {
  run: (model: ModelSpec, request: Request, onProgress: (progress: Progress) => void, signal: AbortSignal) => Promise<Summary>;
  /** The progress shown before the worker reports any. */
  noProgress: Progress;
  /** The status line while it runs, e.g. "Planning P2_B…". */
  starting: (request: Request) => string;
  /** The status line when it has answered. */
  answered: (summary: Summary) => string;
}

export interface PlanRun<Request, Summary, Progress> {
  /** Set while a plan runs. */
  progress: Progress | undefined;
  outcome: PlanRunOutcome<Request, Summary> | undefined;
  error: string | undefined;
  status: string;
  start: () => Promise<void>;
  cancel: () => void;
  fail: (message: string) => void;
  say: (message: string) => void;
}

export function usePlanRun<Request, Summary, Progress>(model: ModelSpec, request: Request | undefined, runner: PlanRunner<Request, Summary, Progress>): PlanRun<Request, Summary, Progress> {
  const [progress, setProgress] = useState<Progress | undefined>();
  const [outcome, setOutcome] = useState<PlanRunOutcome<Request, Summary> | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const abort = useRef<AbortController | null>(null);
  const start = async () => {
    if (request === undefined) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setError(undefined);
    setProgress(runner.noProgress);
    setStatus(runner.starting(request));
    try {
      const summary = await runner.run(model, request, setProgress, controller.signal);
      setOutcome({ summary, request, model });
      setStatus(runner.answered(summary));
    } catch (problem) {
      if (controller.signal.aborted) setStatus('Planning cancelled.');
      else {
        setError(problem instanceof Error ? problem.message : String(problem));
        setStatus('Planning failed.');
      }
    } finally {
      // A run replaced by a newer one leaves the newer one's progress alone.
      if (abort.current === controller) {
        abort.current = null;
        setProgress(undefined);
      }
    }
  };
  return { progress, outcome, error, status, start, cancel: () => abort.current?.abort(), fail: setError, say: setStatus };
}
