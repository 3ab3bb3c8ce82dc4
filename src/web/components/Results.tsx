/**
 * What a run shows: a plain-English summary, the system view against a chosen baseline,
 * the previous run beside this one, four charts per node with every chosen scenario
 * overlaid, and a sortable comparison table like IPACS's. There is no limit on scenarios:
 * the picker and the filters decide what is drawn.
 */
import { useMemo, useState } from 'react';
import type { RunResult } from '../../engine/run.js';
import { costBasisOf } from '../../engine/costBasis.js';
import { systemView } from '../../engine/systemView.js';
import { scenarioLabel } from '../format.js';
import { scenarioStyle } from '../palette.js';
import { ComparisonTable } from './ComparisonTable.js';
import { ReportDownload } from './ReportDownload.js';
import type { ModelSpec } from '../../engine/model.js';
import { ScenarioPicker } from './ScenarioPicker.js';
import { PlainSummaryPanel, SystemViewSection, useSystemViews } from './SystemView.js';
import { BeforeAfter, type PreviousRun } from './BeforeAfter.js';
import { NodeCharts } from './NodeCharts.js';
import { NetworkResults } from './networkResults/NetworkResults.js';
import { describeScenario, scenarioDescriptions } from '../../report/scenarioText.js';

/** A run as Results needs it: what was simulated and on which model. */
export interface ShownRun {
  result: RunResult;
  model: ModelSpec;
}

export interface ResultsProps {
  result: RunResult;
  stale: boolean;
  /** The model the run simulated, on the current cost basis, and the workbook it came from: for the report. */
  model: ModelSpec;
  source?: string;
  /** The run before this one, kept for "Compared with your previous run". */
  previous?: ShownRun;
  onForgetPrevious: () => void;
  onShowCostBasis: () => void;
}

/** Scenario labels (`cap_los_arr`) in the order the run met them. */
function labelsOf(result: RunResult): string[] {
  return [...new Set(result.scenarios.map((s) => scenarioLabel(s.key)))];
}

/** The previous run's system view on the current basis, against the same baseline when it had it. */
function previousRunView(previous: ShownRun, model: ModelSpec, baseline: string): PreviousRun {
  const basis = costBasisOf(model);
  const hasBaseline = labelsOf(previous.result).includes(baseline);
  const view = systemView({ ...previous.model, costBasis: basis }, previous.result.scenarios, { basis, baseline: hasBaseline ? baseline : undefined });
  return { view, seed: previous.result.seed };
}

export function Results({ result, stale, model, source, previous, onForgetPrevious, onShowCostBasis }: ResultsProps) {
  const labels = useMemo(() => labelsOf(result), [result]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [baseline, setBaseline] = useState<string | undefined>();
  const chosen = labels.filter((l) => !hidden.has(l));
  const styleOf = useMemo(() => new Map(labels.map((l, i) => [l, scenarioStyle(i)])), [labels]);
  const views = useSystemViews(model, result, baseline);
  const before = useMemo(() => previous && previousRunView(previous, model, views.view.baseline), [previous, model, views.view.baseline]);
  const describe = useMemo(() => {
    const descriptions = scenarioDescriptions(model);
    const partsOf = new Map(result.scenarios.map((s) => [scenarioLabel(s.key), s.key]));
    return (label: string) => {
      const parts = partsOf.get(label);
      return parts && describeScenario(parts, descriptions);
    };
  }, [model, result]);

  return (
    <div className="pf-results">
      {stale && (
        <div className="nhsuk-inset-text" data-testid="stale-notice">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>The parameters have changed since this run. Run the model again to see their effect.</p>
        </div>
      )}
      <PlainSummaryPanel view={views.view} dates={result.dates} labels={chosen} />
      <ScenarioPicker labels={labels} hidden={hidden} onChange={setHidden} describe={describe} />
      <SystemViewSection views={views} dates={result.dates} labels={chosen} onBaseline={setBaseline} onShowCostBasis={onShowCostBasis} />
      {before && <BeforeAfter previous={before} current={{ view: views.view, seed: result.seed }} labels={chosen} onForget={onForgetPrevious} />}
      {result.components && result.components.length > 0 && <NetworkResults components={result.components} model={model} dates={result.dates} replications={result.replications} />}
      <NodeCharts result={result} model={model} labels={chosen} styleOf={styleOf} describe={describe} />
      <ComparisonTable result={result} labels={chosen} model={model} describe={describe} />
      <ReportDownload model={model} result={result} source={source} scenarios={chosen} />
    </div>
  );
}
