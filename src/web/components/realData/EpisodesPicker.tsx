/**
 * Choosing an episode extract (.csv or .xlsx): it is read and fitted in a Web Worker, so a
 * large file does not freeze the page; only the fit (aggregates) comes back.
 */
import { useRef, useState } from 'react';
import { fitEpisodeFile, filesAsBytes } from '../../realData/realDataClient.js';
import type { EpisodeFitAnswer } from '../../realData/realDataTasks.js';
import { ProblemList } from './ProblemList.js';

export interface EpisodesPickerProps {
  seed: number;
  onFit: (answer: EpisodeFitAnswer) => void;
}

export function EpisodesPicker({ seed, onFit }: EpisodesPickerProps) {
  const [busy, setBusy] = useState<string>();
  const [refused, setRefused] = useState<{ fileName: string; problems: string[] }>();
  const abort = useRef<AbortController | null>(null);

  const fit = async (file: File) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setRefused(undefined);
    setBusy(`Fitting ${file.name}…`);
    try {
      const [bytes] = await filesAsBytes([file]);
      const answer = await fitEpisodeFile(bytes, seed, controller.signal);
      if (answer.ok) onFit(answer);
      else setRefused({ fileName: file.name, problems: answer.problems });
    } catch (error) {
      if (!controller.signal.aborted) setRefused({ fileName: file.name, problems: [error instanceof Error ? error.message : String(error)] });
    } finally {
      if (abort.current === controller) {
        abort.current = null;
        setBusy(undefined);
      }
    }
  };

  return (
    <div data-testid="episodes-picker">
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="episodes-file">
          Choose an episode extract (.csv or .xlsx)
        </label>
        <div className="nhsuk-hint" id="episodes-file-hint">
          One row per episode: person_id, locality, pathway, referred, started, ended, outcome. Fitted in this browser, not uploaded; person ids are never stored or shared.
        </div>
        <input
          className="nhsuk-file-upload pf-file-input"
          id="episodes-file"
          type="file"
          accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby="episodes-file-hint"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void fit(file);
            e.target.value = '';
          }}
        />
      </div>
      {busy && (
        <div className="pf-button-row">
          <p className="nhsuk-body-s" role="status">
            {busy}
          </p>
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        </div>
      )}
      {refused && <ProblemList title={`${refused.fileName} was not fitted`} problems={refused.problems} testId="episodes-problems" />}
    </div>
  );
}
