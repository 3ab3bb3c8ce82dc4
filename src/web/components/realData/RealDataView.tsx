/**
 * The "Real data" tab: NHS England discharge sitreps or an episode extract, read and fitted
 * in this browser (nothing is uploaded), charted, turned into the current model, and used to
 * backtest the current model. A tab rather than a part of the load panel: its charts need the
 * page's width, and it stays mounted so the files read survive a look at the results.
 */
import { useMemo, useState } from 'react';
import type { ModelSpec } from '../../../engine/model.js';
import { episodeObservedRows } from '../../../fit/episodeObserved.js';
import { fittedModel } from '../../../fit/fittedModel.js';
import type { EpisodeFitAnswer, SitrepData } from '../../realData/realDataTasks.js';
import { PageSection } from '../PageSection.js';
import { BacktestPanel, type ObservedSource } from './BacktestPanel.js';
import { EpisodeFitView } from './EpisodeFitView.js';
import { EpisodesPicker } from './EpisodesPicker.js';
import { SitrepObserved } from './SitrepObserved.js';
import { SitrepPicker } from './SitrepPicker.js';
import { SmallCountSwitch } from './SmallCountSwitch.js';

export interface RealDataViewProps {
  model: ModelSpec;
  seed: number;
  onUseModel: (model: ModelSpec, source: string, notes: string[]) => void;
}

export function RealDataView({ model, seed, onUseModel }: RealDataViewProps) {
  const [suppress, setSuppress] = useState(true);
  const [sitrep, setSitrep] = useState<{ data: SitrepData; fileNames: string[] }>();
  const [episodes, setEpisodes] = useState<EpisodeFitAnswer>();

  const sources = useMemo<ObservedSource[]>(() => {
    const list: ObservedSource[] = [];
    if (sitrep) list.push({ id: 'sitrep', label: `Sitrep, ${sitrep.data.orgs.map((org) => org.code).join(', ')} (derived delays by pathway)`, rows: sitrep.data.rows, patientLevel: false });
    // Every count goes to the backtest: withholding applies to what is downloaded.
    if (episodes) list.push({ id: 'episodes', label: `Episodes, ${episodes.fileName} (waiting per node)`, rows: episodeObservedRows(episodes.fit.nodes.map((node) => node.series), false), patientLevel: true });
    return list;
  }, [sitrep, episodes]);

  const adoptSitrepModel = () => {
    if (!sitrep) return;
    const { data, fileNames } = sitrep;
    onUseModel(data.model, `the sitrep skeleton for ${data.orgs.map((org) => org.code).join(', ')} (${fileNames.join(', ')})`, [
      'Capacity and length of stay are placeholders: the sitrep does not report them. See “What these data cannot tell” on the Real data tab.',
    ]);
  };

  const adoptFittedModel = () => {
    if (!episodes) return;
    const name = episodes.fileName.replace(/\.[^.]+$/, '');
    onUseModel(fittedModel(episodes.fit, name, suppress), `the fit of ${episodes.fileName}`, suppress ? ['Counts of 1 to 4 at the snapshot were withheld: the model starts from 3 in their place.'] : []);
  };

  return (
    <div data-testid="real-data">
      <p className="nhsuk-body">
        Everything here is read and fitted in this browser: no file is uploaded. Patient-level rows are never stored in this browser or put into a share link; only the model made from them is.
      </p>
      <SmallCountSwitch suppress={suppress} onChange={setSuppress} />
      <PageSection id="sitrep-heading" heading="Discharge sitreps">
        <SitrepPicker onData={(data, fileNames) => setSitrep({ data, fileNames })} />
        {sitrep && <SitrepObserved data={sitrep.data} fileNames={sitrep.fileNames} onUseModel={adoptSitrepModel} />}
      </PageSection>
      <PageSection id="episodes-heading" heading="Episode extract">
        <EpisodesPicker seed={seed} onFit={setEpisodes} />
        {episodes && <EpisodeFitView fit={episodes.fit} fileName={episodes.fileName} suppress={suppress} onUseModel={adoptFittedModel} />}
      </PageSection>
      <PageSection id="backtest-heading" heading="Backtest the current model">
        <BacktestPanel model={model} seed={seed} sources={sources} suppress={suppress} />
      </PageSection>
    </div>
  );
}
