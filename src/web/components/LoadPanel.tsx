/**
 * Loading a workbook: a file picker, a drop zone around it, and the bundled example. A
 * workbook with errors loads nothing; its problems are listed, each at its sheet!cell.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { PathsimrUnit } from '../../pathsimr/importPathsimr.js';
import { PathsimrImport } from './PathsimrImport.js';

export interface LoadErrors {
  fileName: string;
  /** `fileName` names more than one file (a PathSimR pair): they "were" not loaded. */
  severalFiles?: boolean;
  issues: string[];
  /** How many problems there are, when `issues` lists only the first few. */
  problems?: number;
  /** What to do next, when not "correct the workbook". */
  advice?: string;
}

function problemCount(errors: LoadErrors): number {
  return errors.problems ?? errors.issues.length;
}

export interface LoadPanelProps {
  busy: boolean;
  errors?: LoadErrors;
  warnings: string[];
  onFile: (file: File) => void;
  onExample: () => void;
  /** A PathSimR network and calendar pair chosen together, with its time unit. */
  onPathsimr?: (files: File[], unit: PathsimrUnit) => void;
}

export function LoadPanel({ busy, errors, warnings, onFile, onExample, onPathsimr }: LoadPanelProps) {
  const [dragging, setDragging] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  // The error summary takes focus when it appears, as the NHS pattern asks, so keyboard
  // and screen-reader users hear what went wrong.
  useEffect(() => {
    if (errors) summary.current?.focus();
  }, [errors]);

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };

  return (
    <section className="pf-panel" aria-labelledby="load-heading">
      <h2 id="load-heading" className="nhsuk-heading-s">
        Workbook
      </h2>
      {errors && (
        <div className="nhsuk-error-summary" ref={summary} tabIndex={-1} aria-labelledby="load-errors-title" data-testid="load-errors">
          <div role="alert">
            <h3 className="nhsuk-error-summary__title" id="load-errors-title">
              {errors.fileName} {errors.severalFiles ? 'were' : 'was'} not loaded: {problemCount(errors)} problem{problemCount(errors) === 1 ? '' : 's'}
            </h3>
            <div className="nhsuk-error-summary__body">
              <p>{errors.advice ?? 'Correct the workbook and load it again. The model shown is unchanged.'}</p>
              <ul className="nhsuk-list nhsuk-error-summary__list pf-issue-list">
                {errors.issues.map((issue, i) => (
                  <li key={i}>{issue}</li>
                ))}
              </ul>
            </div>
          </div>
        </div>
      )}
      <div
        className={`pf-dropzone${dragging ? ' pf-dropzone--active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        data-testid="dropzone"
      >
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="workbook-file">
            Open an IPACS workbook (.xlsx)
          </label>
          <div className="nhsuk-hint" id="workbook-file-hint">
            Or drop it here. It is read in this browser, not uploaded.
          </div>
          <input
            className="nhsuk-file-upload pf-file-input"
            id="workbook-file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="workbook-file-hint"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) onFile(file);
              // The same file can be chosen again after it has been corrected.
              e.target.value = '';
            }}
          />
        </div>
      </div>
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onExample} disabled={busy} data-testid="open-example">
        Open the example
      </button>
      {onPathsimr && <PathsimrImport busy={busy} onPair={onPathsimr} />}
      {warnings.length > 0 && (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">
              {warnings.length} warning{warnings.length === 1 ? '' : 's'}
            </span>
          </summary>
          <div className="nhsuk-details__text">
            <ul className="nhsuk-list nhsuk-list--bullet">
              {warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          </div>
        </details>
      )}
    </section>
  );
}
