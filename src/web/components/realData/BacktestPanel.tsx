/**
 * Backtest the current model against an observed series (the sitrep's or the episodes'), in a
 * Web Worker: the IPACS validation plot per series with coverage, bias and error, and
 * optionally calibration of capacity or length of stay.
 */
import { useRef, useState } from 'react';
import type { CalibratedParameter } from '../../../backtest/simulatedDelays.js';
import type { ModelSpec } from '../../../engine/model.js';
import type { ObservedRow } from '../../../observed/observedSeries.js';
import { parseNumber } from '../../modelEdits.js';
import { backtestInWorker, type JobProgress } from '../../realData/realDataClient.js';
import type { BacktestAnswer } from '../../realData/realDataTasks.js';
import { SelectField, TextField } from '../FormField.js';
import { BacktestResults } from './BacktestResults.js';
import { ProblemList } from './ProblemList.js';

export interface ObservedSource {
  id: string;
  label: string;
  rows: ObservedRow[];
  /** From patient-level episodes: small counts are withheld from downloads. */
  patientLevel: boolean;
}

export interface BacktestPanelProps {
  model: ModelSpec;
  seed: number;
  sources: ObservedSource[];
  suppress: boolean;
}

const DEFAULT_REPLICATIONS = '50';

export function BacktestPanel({ model, seed, sources, suppress }: BacktestPanelProps) {
  const [sourceId, setSourceId] = useState(sources[0]?.id ?? '');
  const [replicationsText, setReplicationsText] = useState(DEFAULT_REPLICATIONS);
  const [calibrate, setCalibrate] = useState<'' | CalibratedParameter>('');
  const [progress, setProgress] = useState<JobProgress>();
  const [answer, setAnswer] = useState<{ answer: BacktestAnswer; model: ModelSpec; source: ObservedSource }>();
  const [problems, setProblems] = useState<string[]>();
  const abort = useRef<AbortController | null>(null);
  const source = sources.find((s) => s.id === sourceId) ?? sources[0];
  const replications = parseNumber(replicationsText, { integer: true, min: 2 });
  const replicationsError = 'error' in replications ? replications.error : (replications.value ?? 0) > 1000 ? 'Enter 1,000 or fewer' : undefined;

  const run = async () => {
    if (!source || replicationsError || !('value' in replications)) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setProblems(undefined);
    setProgress({ done: 0, total: 0 });
    try {
      const request = { model, rows: source.rows.filter((row) => row.measure === 'delayed'), source: source.label, replications: replications.value ?? 50, seed, calibrate: calibrate || undefined };
      const reply = await backtestInWorker(request, setProgress, controller.signal);
      if (reply.ok) setAnswer({ answer: reply, model, source });
      else setProblems(reply.problems);
    } catch (error) {
      if (!controller.signal.aborted) setProblems([error instanceof Error ? error.message : String(error)]);
    } finally {
      if (abort.current === controller) {
        abort.current = null;
        setProgress(undefined);
      }
    }
  };

  if (sources.length === 0) return <p className="nhsuk-body">Read sitrep files or fit an episode extract above: the backtest compares the current model with what they observed.</p>;
  return (
    <div data-testid="backtest-panel">
      <p className="nhsuk-body">
        Simulates the current model, {model.name}, over its {model.dates.length} days and sets its delays beside those observed on the same days. Only observed days within the model&rsquo;s dates count.
      </p>
      <div className="pf-controls">
        <SelectField id="backtest-source" label="Observed series" value={source.id} onChange={setSourceId}>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </SelectField>
        <TextField id="backtest-replications" label="Replications" width={5} inputMode="numeric" value={replicationsText} error={replicationsError} onChange={setReplicationsText} />
        <SelectField id="backtest-calibrate" label="Calibrate" value={calibrate} onChange={(value) => setCalibrate(value as '' | CalibratedParameter)}>
          <option value="">no</option>
          <option value="capacity">capacity</option>
          <option value="los">length of stay</option>
        </SelectField>
      </div>
      <div className="pf-button-row">
        <button type="button" className="nhsuk-button" onClick={() => void run()} disabled={progress !== undefined || replicationsError !== undefined} data-testid="backtest-run">
          Run the backtest
        </button>
        {progress && (
          <>
            <p className="nhsuk-body-s" role="status">
              Simulating… {progress.total > 0 ? `${progress.done} of ${progress.total}` : ''}
            </p>
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          </>
        )}
      </div>
      {problems && <ProblemList title="The backtest could not run" problems={problems} testId="backtest-problems" />}
      {answer && <BacktestResults answer={answer.answer} stale={answer.model !== model} patientLevel={answer.source.patientLevel} suppress={suppress} />}
    </div>
  );
}
