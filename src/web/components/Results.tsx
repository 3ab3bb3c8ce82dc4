/**
 * What a run shows: a headline per scenario, four charts per node with every chosen
 * scenario overlaid, and a sortable comparison table like IPACS's. There is no limit on
 * scenarios: the picker and the filters decide what is drawn.
 */
import { useMemo, useState } from 'react';
import type { RunResult } from '../../engine/run.js';
import { scenarioLabel } from '../format.js';
import { scenarioStyle } from '../palette.js';
import { ComparisonTable } from './ComparisonTable.js';
import { ReportDownload } from './ReportDownload.js';
import type { ModelSpec } from '../../engine/model.js';
import { ScenarioPicker } from './ScenarioPicker.js';
import { Headline } from './Headline.js';
import { NodeCharts } from './NodeCharts.js';

export interface ResultsProps {
  result: RunResult;
  stale: boolean;
  /** The model the run simulated, and the workbook it came from: for the report. */
  model: ModelSpec;
  source?: string;
}

/** Scenario labels (`cap_los_arr`) in the order the run met them. */
function labelsOf(result: RunResult): string[] {
  return [...new Set(result.scenarios.map((s) => scenarioLabel(s.key)))];
}

export function Results({ result, stale, model, source }: ResultsProps) {
  const labels = useMemo(() => labelsOf(result), [result]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const chosen = labels.filter((l) => !hidden.has(l));
  const styleOf = useMemo(() => new Map(labels.map((l, i) => [l, scenarioStyle(i)])), [labels]);

  return (
    <div className="pf-results">
      {stale && (
        <div className="nhsuk-inset-text" data-testid="stale-notice">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>The parameters have changed since this run. Run the model again to see their effect.</p>
        </div>
      )}
      <ScenarioPicker labels={labels} hidden={hidden} onChange={setHidden} />
      <Headline result={result} labels={chosen} />
      <NodeCharts result={result} labels={chosen} styleOf={styleOf} />
      <ComparisonTable result={result} labels={chosen} />
      <ReportDownload model={model} result={result} source={source} scenarios={chosen} />
    </div>
  );
}
