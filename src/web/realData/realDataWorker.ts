/**
 * Web Worker entry for the "Real data" view: reading sitrep workbooks, fitting an episode
 * extract and backtesting are seconds of work on a large file, so they run here and the
 * page stays responsive. Patient-level rows never leave this worker; it posts aggregates.
 */
import { backtest, episodeFit, sitrepData, sitrepOrgs, type BacktestRequest, type NamedBytes } from './realDataTasks.js';

export type RealDataRequest =
  | { task: 'sitrep-orgs'; files: NamedBytes[] }
  | { task: 'sitrep'; files: NamedBytes[]; orgs: string[] }
  | { task: 'episodes'; file: NamedBytes; seed: number }
  | ({ task: 'backtest' } & BacktestRequest);

const post = (reply: unknown) => (self as unknown as Worker).postMessage(reply);

async function answer(request: RealDataRequest): Promise<unknown> {
  switch (request.task) {
    case 'sitrep-orgs':
      return sitrepOrgs(request.files);
    case 'sitrep':
      return sitrepData(request.files, request.orgs);
    case 'episodes':
      return episodeFit(request.file, request.seed);
    case 'backtest':
      return backtest(request, (done, total) => post({ type: 'progress', done, total }));
  }
}

self.onmessage = (event: MessageEvent<RealDataRequest>) => {
  answer(event.data).then(
    (summary) => post({ type: 'done', summary }),
    (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
};
