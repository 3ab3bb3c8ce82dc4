/**
 * The "Real data" view's tasks, each in a Web Worker of its own (src/web/realData/realDataWorker.ts):
 * a cancel or a new request ends the worker at once.
 */
import { runWorkerTask } from '../workerTask.js';
import type { BacktestAnswer, BacktestRequest, EpisodeFitAnswer, NamedBytes, Refused, SitrepData, SitrepOrgsAnswer } from './realDataTasks.js';
import type { RealDataRequest } from './realDataWorker.js';

export interface JobProgress {
  done: number;
  total: number;
}

function inWorker<Answer>(request: RealDataRequest, what: string, onProgress?: (progress: JobProgress) => void, signal?: AbortSignal): Promise<Answer> {
  return runWorkerTask<JobProgress, Answer>(() => new Worker(new URL('./realDataWorker.ts', import.meta.url), { type: 'module', name: 'pathflow-real-data' }), request, what, onProgress, signal);
}

export async function filesAsBytes(files: readonly File[]): Promise<NamedBytes[]> {
  return Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
}

export function readSitrepOrgs(files: NamedBytes[]): Promise<SitrepOrgsAnswer> {
  return inWorker({ task: 'sitrep-orgs', files }, 'sitrep reading');
}

export function readSitrep(files: NamedBytes[], orgs: string[]): Promise<SitrepData | Refused> {
  return inWorker({ task: 'sitrep', files, orgs }, 'sitrep reading');
}

export function fitEpisodeFile(file: NamedBytes, seed: number, signal?: AbortSignal): Promise<EpisodeFitAnswer | Refused> {
  return inWorker({ task: 'episodes', file, seed }, 'fit', undefined, signal);
}

export function backtestInWorker(request: BacktestRequest, onProgress: (progress: JobProgress) => void, signal?: AbortSignal): Promise<BacktestAnswer | Refused> {
  return inWorker({ task: 'backtest', ...request }, 'backtest', onProgress, signal);
}
