/**
 * The Network tab: the diagram of the model and its editors. Edits go to a draft; the one
 * validator checks the draft on every change, its problems are shown at their fields, and the
 * app receives the draft only once it passes, so a run, a link or an export never sees a
 * network whose routes do not add up.
 */
import { useMemo, useState } from 'react';
import type { ModelSpec } from '../../../engine/model.js';
import { routingScenarioNames } from '../../networkLayout.js';
import { draftProblems, type DraftProblems } from '../../networkModelEdits.js';
import { SelectField } from '../FormField.js';
import { PageSection } from '../PageSection.js';
import { NetworkDiagram } from './NetworkDiagram.js';
import { DraftSummary } from './DraftSummary.js';
import { NodesEditor } from './NodesEditor.js';
import { RoutesEditor } from './RoutesEditor.js';
import { CalendarEditor } from './CalendarEditor.js';
import { ProfileEditor } from './ProfileEditor.js';
import './network.css';

const NO_PROBLEMS: DraftProblems = { ok: true, all: [], byPath: new Map() };

export interface DraftEditorProps {
  model: ModelSpec;
  problems: DraftProblems;
  onEdit: (next: ModelSpec) => void;
}

export function NetworkView({ model, onChange }: { model: ModelSpec; onChange: (next: ModelSpec) => void }) {
  // `base` is the app's model the draft started from: a new one (loaded, edited in another tab)
  // replaces the draft. The app's model has passed the validator already, so only a draft that
  // differs from it is checked (once per edit: the check takes tens of milliseconds on the example).
  const [draft, setDraft] = useState({ base: model, model, problems: NO_PROBLEMS });
  if (draft.base !== model) setDraft({ base: model, model, problems: NO_PROBLEMS });
  const [chosenScenario, setScenario] = useState<string>();
  const scenarios = useMemo(() => routingScenarioNames(draft.model), [draft.model]);
  const scenario = chosenScenario && scenarios.includes(chosenScenario) ? chosenScenario : scenarios[0];

  const edit = (next: ModelSpec) => {
    const problems = draftProblems(next);
    if (problems.ok) {
      setDraft({ base: next, model: next, problems });
      onChange(next);
    } else setDraft((current) => ({ base: current.base, model: next, problems }));
  };
  const discard = () => setDraft({ base: model, model, problems: NO_PROBLEMS });
  const { problems } = draft;
  const props: DraftEditorProps = { model: draft.model, problems, onEdit: edit };

  return (
    <div className="pf-network" data-testid="network-view">
      <DraftSummary problems={problems} onDiscard={discard} />
      <PageSection id="network-diagram-heading" heading="Network diagram">
        <p className="nhsuk-body-s">
          Where patients go next, stage by stage from left to right, one band per locality. A node with no route out sends its patients out of the model.
        </p>
        {scenarios.length > 1 && (
          <SelectField id="network-routing" label="Routing scenario" value={scenario} onChange={setScenario}>
            {scenarios.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </SelectField>
        )}
        <NetworkDiagram model={draft.model} scenario={scenario} />
      </PageSection>
      <div className="pf-network-editors">
        <NodesEditor {...props} />
        <RoutesEditor {...props} scenario={scenario} />
        <CalendarEditor {...props} />
        <ProfileEditor {...props} />
      </div>
    </div>
  );
}
