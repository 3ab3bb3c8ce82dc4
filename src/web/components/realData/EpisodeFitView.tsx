/**
 * An episode extract's fit: a node at a time, the state at the snapshot, the downloads (small
 * counts withheld unless the planner switches that off) and "Use as model".
 */
import { useState } from 'react';
import type { EpisodeFit } from '../../../fit/fitEpisodes.js';
import { download } from '../../format.js';
import { episodeFitCsv, episodeObservedCsv } from '../../realData/realDataDownloads.js';
import { SelectField } from '../FormField.js';
import { InitialStateTable } from './InitialStateTable.js';
import { NodeFitCharts } from './NodeFitCharts.js';

export interface EpisodeFitViewProps {
  fit: EpisodeFit;
  fileName: string;
  suppress: boolean;
  onUseModel: () => void;
}

export function EpisodeFitView({ fit, fileName, suppress, onUseModel }: EpisodeFitViewProps) {
  const nodes = fit.nodes.map((node) => node.series.node);
  const [chosen, setChosen] = useState(nodes[0]);
  const node = fit.nodes.find((n) => n.series.node === chosen) ?? fit.nodes[0];
  return (
    <div data-testid="episode-fit">
      <p className="nhsuk-body">
        {fileName}: {fit.episodes.toLocaleString('en-GB')} episodes at {nodes.length} nodes, snapshot {fit.snapshot}. The fitted model starts the day after and runs {fit.horizonDays} days.
      </p>
      <SelectField id="fit-node" label="Node" value={node.series.node} onChange={setChosen}>
        {nodes.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </SelectField>
      <NodeFitCharts node={node} />
      <InitialStateTable fit={fit} suppress={suppress} />
      <div className="pf-button-row">
        <button type="button" className="nhsuk-button" onClick={onUseModel} data-testid="episodes-use-model">
          Use as model
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => download('fit.csv', episodeFitCsv(fit, suppress), 'text/csv')} data-testid="download-fit">
          Download fit.csv
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => download('observed.csv', episodeObservedCsv(fit, suppress), 'text/csv')} data-testid="download-episode-observed">
          Download observed.csv
        </button>
      </div>
    </div>
  );
}
