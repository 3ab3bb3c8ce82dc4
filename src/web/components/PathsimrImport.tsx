/**
 * Importing a PathSimR model in the load panel: its network and calendar templates chosen
 * together, and the time unit it was built in. The files are read in this browser; the pair
 * is converted by the same code as `pathflow import-pathsimr`.
 */
import { useState } from 'react';
import type { PathsimrUnit } from '../../pathsimr/importPathsimr.js';

export interface PathsimrImportProps {
  busy: boolean;
  onPair: (files: File[], unit: PathsimrUnit) => void;
}

export function PathsimrImport({ busy, onPair }: PathsimrImportProps) {
  const [unit, setUnit] = useState<PathsimrUnit>('hours');
  return (
    <details className="nhsuk-details" data-testid="pathsimr-import">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Import a PathSimR model</span>
      </summary>
      <div className="nhsuk-details__text">
        <fieldset className="nhsuk-fieldset nhsuk-form-group">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Time unit of the PathSimR model</legend>
          <div className="nhsuk-radios nhsuk-radios--inline">
            {(['hours', 'days'] as const).map((choice) => (
              <div className="nhsuk-radios__item" key={choice}>
                <input className="nhsuk-radios__input" id={`pathsimr-unit-${choice}`} name="pathsimr-unit" type="radio" value={choice} checked={unit === choice} onChange={() => setUnit(choice)} />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={`pathsimr-unit-${choice}`}>
                  {choice}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="pathsimr-files">
            Choose the network and calendar templates together (.csv)
          </label>
          <div className="nhsuk-hint" id="pathsimr-files-hint">
            Choose the unit first. The model simulates 365 days; change the dates with the command line&rsquo;s --days.
          </div>
          <input
            className="nhsuk-file-upload pf-file-input"
            id="pathsimr-files"
            type="file"
            multiple
            accept=".csv,text/csv"
            aria-describedby="pathsimr-files-hint"
            disabled={busy}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              if (files.length > 0) onPair(files, unit);
              // The same pair can be chosen again after it has been corrected.
              e.target.value = '';
            }}
          />
        </div>
      </div>
    </details>
  );
}
