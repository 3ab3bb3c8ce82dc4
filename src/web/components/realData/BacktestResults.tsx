/** A backtest's answer: a validation plot per series, calibration when asked for, the notes, and its files. */
import { strToU8, zipSync } from 'fflate';
import { download } from '../../format.js';
import { backtestFiles } from '../../realData/realDataDownloads.js';
import type { BacktestAnswer } from '../../realData/realDataTasks.js';
import { BacktestSeriesResult } from './BacktestSeriesResult.js';
import { CalibrationTable } from './CalibrationTable.js';

export interface BacktestResultsProps {
  answer: BacktestAnswer;
  /** The model has changed since the backtest ran. */
  stale: boolean;
  /** The observed series came from patient-level episodes. */
  patientLevel: boolean;
  suppress: boolean;
}

export function BacktestResults({ answer, stale, patientLevel, suppress }: BacktestResultsProps) {
  const { result, notes } = answer;
  const downloadFiles = () => {
    const files = backtestFiles(result, patientLevel, suppress);
    download('backtest.zip', zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])), { level: 6 }) as Uint8Array<ArrayBuffer>, 'application/zip');
  };
  return (
    <div data-testid="backtest-result">
      {stale && <p className="nhsuk-body-s">This backtest ran on an earlier model: run it again to see the current one.</p>}
      <div className="pf-chart-grid">
        {result.fits.map((fit) => (
          <BacktestSeriesResult key={fit.name} fit={fit} />
        ))}
      </div>
      {result.calibrations.length > 0 && <CalibrationTable calibrations={result.calibrations} />}
      {notes.length > 0 && (
        <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s">
          {notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      )}
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={downloadFiles} data-testid="backtest-download">
        Download backtest files (CSV, .zip)
      </button>
    </div>
  );
}
