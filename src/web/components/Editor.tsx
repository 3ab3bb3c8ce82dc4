/**
 * Editing the model: one table per IPACS sheet (capacity, LOS, initial state, costs), the
 * nodes, the scenarios of each kind, and the arrivals with their tools. Every field is
 * checked as it is typed; only values that pass reach the model.
 */
import { useState, type ReactNode } from 'react';
import { DEFAULT_FINAL_VISIT_RATE, DEFAULT_INITIAL_VISIT_RATE, kindOf, type LosFamily, type LosScenario, type ModelSpec, type NodeSpec, type Pathway } from '../../engine/model.js';
import {
  addNode,
  addScenario,
  deleteNode,
  deleteScenario,
  losProblem,
  renameScenario,
  SCENARIO_KIND_LABELS,
  scenarioNames,
  updateNode,
  type Edit,
  type ScenarioKind,
} from '../modelEdits.js';
import { NumberField, type NumberFieldProps } from './NumberField.js';
import { SelectField, TextField } from './FormField.js';
import { ArrivalsEditor } from './ArrivalsEditor.js';
import { CostBasisControl } from './CostBasisControl.js';
import { PageSection } from './PageSection.js';
import { describeScenarioEverywhere, scenarioDescriptionOf } from '../scenarioDescriptionEdit.js';
import { HelpLink } from './HelpLink.js';
import { BOUNDS, MEDIAN_BOUND, SD_BOUND } from '../../engine/bounds.js';
import { LOS_FAMILY_LABELS } from '../../report/format.js';

export interface EditorProps {
  model: ModelSpec;
  onChange: (model: ModelSpec) => void;
}

const SECTIONS = [
  ['edit-nodes', 'Nodes'],
  ['edit-scenarios', 'Scenarios'],
  ['edit-capacity', 'Capacity'],
  ['edit-los', 'Length of stay'],
  ['edit-initial', 'Initial state'],
  ['edit-costs', 'Costs'],
  ['edit-arrivals', 'Arrivals'],
] as const;

export function Editor({ model, onChange }: EditorProps) {
  return (
    <div className="pf-editor">
      <nav className="nhsuk-contents-list" aria-label="Parameter tables">
        <ul className="nhsuk-contents-list__list pf-inline-list">
          {SECTIONS.map(([id, title]) => (
            <li className="nhsuk-contents-list__item" key={id}>
              <a className="nhsuk-contents-list__link" href={`#${id}`}>
                {title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <NodesTable model={model} onChange={onChange} />
      <ScenarioManager model={model} onChange={onChange} />
      <CapacityTable model={model} onChange={onChange} />
      <LosTable model={model} onChange={onChange} />
      <InitialTable model={model} onChange={onChange} />
      <CostsTable model={model} onChange={onChange} />
      <ArrivalsEditor model={model} onChange={onChange} />
    </div>
  );
}

/** Headed by its entry in SECTIONS, so the contents list and the headings cannot disagree. */
function Section({ id, children }: { id: (typeof SECTIONS)[number][0]; children: ReactNode }) {
  return (
    <PageSection id={id} heading={SECTIONS.find(([section]) => section === id)?.[1]}>
      {children}
    </PageSection>
  );
}

function EditMessage({ message, id }: { message?: string; id: string }) {
  return message ? (
    <p className="nhsuk-error-message" id={id} role="alert">
      <span className="nhsuk-u-visually-hidden">Error:</span> {message}
    </p>
  ) : null;
}

function NodesTable({ model, onChange }: EditorProps) {
  const [pathway, setPathway] = useState<Pathway>('P2');
  const [locality, setLocality] = useState('');
  const [copyOf, setCopyOf] = useState('');
  const [message, setMessage] = useState<string>();
  const apply = (edit: Edit) => {
    if (edit.ok) {
      onChange(edit.model);
      setMessage(undefined);
    } else setMessage(edit.reason);
  };
  const sources = model.nodes.filter((n) => n.pathway === pathway);
  const source = sources.find((n) => n.id === copyOf) ?? sources[0];
  return (
    <Section id="edit-nodes">
      <p className="nhsuk-body-s">
        One node per pathway and locality. P1 is visits at home; P2 and P3 are beds. In a network model the kind says how a node is simulated: visits, beds, acute beds, a
        delay (time at home) or an exit.
      </p>
      <table role="table" className="nhsuk-table pf-table pf-table--compact pf-table--cards">
        <thead role="rowgroup" className="nhsuk-table__head pf-table__head--labels">
          <tr role="row">
            <th role="columnheader" scope="col">Node</th>
            <th role="columnheader" scope="col">Pathway</th>
            <th role="columnheader" scope="col">Kind</th>
            <th role="columnheader" scope="col">Locality</th>
            <th role="columnheader" scope="col">Scenarios</th>
            <th role="columnheader" scope="col">
              <span className="nhsuk-u-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {model.nodes.map((node) => (
            <tr role="row" key={node.id}>
              <th role="rowheader" scope="row" data-label="Node">
                {node.id}
              </th>
              <td role="cell" data-label="Pathway">{node.pathway}</td>
              <td role="cell" data-label="Kind">{kindOf(node)}</td>
              <td role="cell" data-label="Locality">{node.locality}</td>
              <td role="cell" data-label="Scenarios">{node.capacity.length * node.los.length * node.arrivals.length}</td>
              <td role="cell" data-label="">
                <button type="button" className="pf-link-button" onClick={() => apply(deleteNode(model, node.id))}>
                  Delete<span className="nhsuk-u-visually-hidden"> node {node.id}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset className="nhsuk-fieldset pf-inline-form">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Add a node (a copy of an existing one of the same pathway)</legend>
        <div className="pf-controls">
          <SelectField id="new-node-pathway" label="Pathway" value={pathway} onChange={(value) => setPathway(value as Pathway)}>
            {(['P1', 'P2', 'P3'] as const).map((p) => (
              <option key={p}>{p}</option>
            ))}
          </SelectField>
          <TextField id="new-node-locality" label="Locality" width={10} value={locality} onChange={setLocality} />
          <SelectField id="new-node-copy" label="Copy parameters of" value={source?.id ?? ''} onChange={setCopyOf} disabled={!source}>
            {sources.map((n) => (
              <option key={n.id}>{n.id}</option>
            ))}
          </SelectField>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small pf-align-end"
            disabled={!source}
            onClick={() => {
              if (source) apply(addNode(model, pathway, locality.trim(), source.id));
            }}
          >
            Add node
          </button>
        </div>
        {!source && <p className="nhsuk-body-s">There is no {pathway} node to copy.</p>}
        <EditMessage message={message} id="node-edit-message" />
      </fieldset>
    </Section>
  );
}

function ScenarioManager({ model, onChange }: EditorProps) {
  return (
    <Section id="edit-scenarios">
      <p className="nhsuk-body-s">
        Scenario names are shared by every node. A run simulates, for each node, every combination of its capacity, length-of-stay and arrival scenarios.
      </p>
      <div className="pf-scenario-kinds">
        {(['capacity', 'los', 'arrivals'] as const).map((kind) => (
          <ScenarioKindEditor key={kind} kind={kind} model={model} onChange={onChange} />
        ))}
      </div>
    </Section>
  );
}

function ScenarioKindEditor({ kind, model, onChange }: EditorProps & { kind: ScenarioKind }) {
  const names = scenarioNames(model, kind);
  const [newName, setNewName] = useState('');
  const [copyOf, setCopyOf] = useState(names[0] ?? '');
  const [renaming, setRenaming] = useState<{ from: string; to: string } | undefined>();
  const [message, setMessage] = useState<string>();
  const label = SCENARIO_KIND_LABELS[kind];
  const apply = (edit: Edit) => {
    if (edit.ok) {
      onChange(edit.model);
      setMessage(undefined);
      return true;
    }
    setMessage(edit.reason);
    return false;
  };
  const messageId = `scenario-${kind}-message`;
  return (
    <div className="pf-scenario-kind" data-testid={`scenarios-${kind}`}>
      <h3 className="nhsuk-heading-s">{label}</h3>
      <ul className="nhsuk-list pf-scenario-list">
        {names.map((name) => (
          <li key={name} className="pf-scenario-item">
            {renaming?.from === name ? (
              <form
                className="pf-inline-form pf-controls"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (apply(renameScenario(model, kind, name, renaming.to.trim()))) setRenaming(undefined);
                }}
              >
                <TextField
                  id={`rename-${kind}-${name}`}
                  label={`New name for ${name}`}
                  width={10}
                  value={renaming.to}
                  autoFocus
                  aria-describedby={message ? messageId : undefined}
                  onChange={(to) => setRenaming({ from: name, to })}
                />
                <button type="submit" className="nhsuk-button nhsuk-button--small pf-align-end">
                  Save
                </button>
                <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small pf-align-end" onClick={() => setRenaming(undefined)}>
                  Cancel
                </button>
              </form>
            ) : (
              <>
                <span className="pf-scenario-name">{name}</span>
                <button type="button" className="pf-link-button" onClick={() => setRenaming({ from: name, to: name })}>
                  Rename<span className="nhsuk-u-visually-hidden"> {label.toLowerCase()} scenario {name}</span>
                </button>
                <button type="button" className="pf-link-button" onClick={() => apply(deleteScenario(model, kind, name))}>
                  Delete<span className="nhsuk-u-visually-hidden"> {label.toLowerCase()} scenario {name}</span>
                </button>
                <DescriptionField key={scenarioDescriptionOf(model, kind, name)} kind={kind} name={name} model={model} onChange={onChange} />
              </>
            )}
          </li>
        ))}
      </ul>
      <form
        className="pf-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (apply(addScenario(model, kind, newName.trim(), copyOf))) setNewName('');
        }}
      >
        <TextField id={`add-${kind}-name`} label={`New ${label.toLowerCase()} scenario`} width={10} value={newName} onChange={setNewName} />
        <SelectField id={`add-${kind}-copy`} label="Starting as a copy of" value={names.includes(copyOf) ? copyOf : names[0]} onChange={setCopyOf}>
          {names.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </SelectField>
        <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small">
          Add<span className="nhsuk-u-visually-hidden"> {label.toLowerCase()} scenario</span>
        </button>
      </form>
      <EditMessage message={message} id={messageId} />
    </div>
  );
}

/**
 * A scenario's plain description ("today’s capacity"), saved for every node when the field
 * is left or Enter pressed. Keyed by the saved text, so it shows the model's after any edit.
 */
function DescriptionField({ kind, name, model, onChange }: EditorProps & { kind: ScenarioKind; name: string }) {
  const saved = scenarioDescriptionOf(model, kind, name);
  const [text, setText] = useState(saved);
  const [error, setError] = useState<string>();
  const commit = () => {
    if (text.trim() === saved) return setError(undefined);
    const edit = describeScenarioEverywhere(model, kind, name, text);
    if (edit.ok) onChange(edit.model);
    setError(edit.ok ? undefined : edit.reason);
  };
  return (
    <div className="pf-scenario-description-field">
      <TextField
        id={`describe-${kind}-${name}`}
        label={`What ${name} stands for (optional)`}
        width={20}
        value={text}
        error={error}
        onChange={setText}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </div>
  );
}

function CapacityTable({ model, onChange }: EditorProps) {
  // A column per capacity scenario; a node without that scenario shows a dash.
  const columns = scenarioNames(model, 'capacity').map(
    (name): NodeValueColumn => ({
      title: name,
      label: `${name} capacity`,
      rule: { bound: BOUNDS.capacity },
      testId: (node) => `capacity-${node.id}-${name}`,
      get: (node) => node.capacity.find((c) => c.name === name)?.capacity,
      set: (node, capacity) => {
        const index = node.capacity.findIndex((c) => c.name === name);
        return { ...node, capacity: node.capacity.map((c, i) => (i === index ? { ...c, capacity } : c)) };
      },
    }),
  );
  return (
    <Section id="edit-capacity">
      <p className="nhsuk-body-s">Beds for P2, P3 and other bed nodes; caseload (patients) for P1 and other visit nodes. 1,000,000 or more means unrestricted.</p>
      <CalendarNote model={model} />
      <div className="pf-table-scroll">
        <NodeValuesTable model={model} onChange={onChange} columns={columns} testId="capacity-table" />
      </div>
    </Section>
  );
}

/** Capacity that changes over time is kept as it is; the table edits the capacity outside its periods. */
function CalendarNote({ model }: { model: ModelSpec }) {
  const withCalendar = model.nodes.filter((node) => node.capacity.some((scenario) => scenario.calendar !== undefined)).map((node) => node.id);
  if (withCalendar.length === 0) return null;
  return (
    <p className="nhsuk-body-s" data-testid="calendar-note">
      {withCalendar.join(', ')} {withCalendar.length === 1 ? 'has' : 'have'} a capacity calendar (such as winter beds). It is kept as it is: the figures here are the capacity on
      days the calendar does not cover. Change the calendar in the workbook.
    </p>
  );
}

const FAMILIES = Object.entries(LOS_FAMILY_LABELS) as Array<[LosFamily, string]>;

function LosTable({ model, onChange }: EditorProps) {
  const [familyProblem, setFamilyProblem] = useState<string>();
  const setLos = (node: NodeSpec, index: number, change: Partial<LosScenario>) =>
    onChange(updateNode(model, node.id, (n) => ({ ...n, los: n.los.map((l, i) => (i === index ? { ...l, ...change } : l)) })));
  return (
    <Section id="edit-los">
      <p className="nhsuk-body-s">
        Days. A lognormal needs the mean with a median (below the mean) or an sd; an exponential needs the mean only; normal, gamma, Weibull and uniform need an sd (a uniform's sd at most the mean ÷ 1.73). Visit rates (visits a day at the start and end of a stay) apply to
        P1 and other visit nodes only; blank means the defaults {DEFAULT_INITIAL_VISIT_RATE} and {DEFAULT_FINAL_VISIT_RATE}.
      </p>
      <EditMessage message={familyProblem} id="los-family-message" />
      <div className="pf-table-scroll">
        <table role="table" className="nhsuk-table pf-table pf-table--compact pf-table--cards" data-testid="los-table">
          <thead role="rowgroup" className="pf-table__head--labels">
            <tr role="row">
              <th role="columnheader" scope="col">Node</th>
              <th role="columnheader" scope="col">Scenario</th>
              <th role="columnheader" scope="col">Distribution</th>
              <th role="columnheader" scope="col">Mean</th>
              <th role="columnheader" scope="col">Median</th>
              <th role="columnheader" scope="col">SD</th>
              <th role="columnheader" scope="col">Initial visits a day</th>
              <th role="columnheader" scope="col">Final visits a day</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {model.nodes.flatMap((node) =>
              node.los.map((los, index) => {
                const name = `${node.id} ${los.name}`;
                const fits = (change: Partial<LosScenario>) => losProblem({ ...los, ...change }, node.pathway, node.kind);
                // Visit rates mean something only where the stay is visits at home.
                const visitRate = (field: 'initialVisitRate' | 'finalVisitRate', which: string) =>
                  kindOf(node) === 'visit' ? (
                    <NumberField
                      label={`${name} ${which} visits a day`}
                      value={los[field]}
                      rule={{ bound: BOUNDS.visitRate, optional: true }}
                      onCommit={(rate) => setLos(node, index, { [field]: rate })}
                    />
                  ) : (
                    <span aria-label="not applicable">—</span>
                  );
                return (
                  <tr role="row" key={`${node.id}-${los.name}`}>
                    <th role="rowheader" scope="row" data-label="Node">
                      {node.id}
                    </th>
                    <td role="cell" data-label="Scenario">{los.name}</td>
                    <td role="cell" data-label="Distribution">
                      <label className="nhsuk-u-visually-hidden" htmlFor={`family-${node.id}-${index}`}>
                        {name} distribution
                      </label>
                      <select
                        className="nhsuk-select pf-select-compact"
                        id={`family-${node.id}-${index}`}
                        value={los.family}
                        onChange={(e) => {
                          const family = e.target.value as LosFamily;
                          // A family the row's numbers cannot fit is refused, with the reason, rather than half-applied.
                          const problem = fits({ family });
                          setFamilyProblem(problem && `${name}: cannot use ${LOS_FAMILY_LABELS[family]}: ${problem}`);
                          if (!problem) setLos(node, index, { family });
                        }}
                      >
                        {FAMILIES.map(([value, title]) => (
                          <option key={value} value={value}>
                            {title}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td role="cell" data-label="Mean">
                      <NumberField label={`${name} mean`} value={los.mean} rule={{ bound: BOUNDS.meanLos }} check={(mean) => fits({ mean })} onCommit={(mean) => setLos(node, index, { mean })} />
                    </td>
                    <td role="cell" data-label="Median">
                      <NumberField
                        label={`${name} median`}
                        value={los.median}
                        rule={{ bound: MEDIAN_BOUND, optional: true }}
                        check={(median) => fits({ median })}
                        onCommit={(median) => setLos(node, index, { median })}
                      />
                    </td>
                    <td role="cell" data-label="SD">
                      <NumberField label={`${name} sd`} value={los.sd} rule={{ bound: SD_BOUND, optional: true }} check={(sd) => fits({ sd })} onCommit={(sd) => setLos(node, index, { sd })} />
                    </td>
                    <td role="cell" data-label="Initial visits a day">{visitRate('initialVisitRate', 'initial')}</td>
                    <td role="cell" data-label="Final visits a day">{visitRate('finalVisitRate', 'final')}</td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

interface NodeValueColumn {
  title: string;
  /** Follows the node's id in each field's label. */
  label: string;
  rule: NumberFieldProps['rule'];
  /** Undefined when the node has no such value (shown as a dash). */
  get: (node: NodeSpec) => number | undefined;
  set: (node: NodeSpec, value: number) => NodeSpec;
  testId?: (node: NodeSpec) => string;
  /** The glossary entry behind the column's heading. */
  help?: string;
}

/** A table of one number a node per column: capacity scenarios, the initial state and the costs. */
function NodeValuesTable({ model, onChange, columns, testId }: EditorProps & { columns: NodeValueColumn[]; testId?: string }) {
  return (
    <table role="table" className="nhsuk-table pf-table pf-table--compact pf-table--cards" data-testid={testId}>
      <thead role="rowgroup" className="pf-table__head--labels">
        <tr role="row">
          <th role="columnheader" scope="col">Node</th>
          {columns.map((column) => (
            <th role="columnheader" scope="col" key={column.title}>
              {column.title}
              {column.help && <HelpLink term={column.help} />}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">
        {model.nodes.map((node) => (
          <tr role="row" key={node.id}>
            <th role="rowheader" scope="row" data-label="Node">
              {node.id}
            </th>
            {columns.map((column) => {
              const value = column.get(node);
              return (
                <td role="cell" key={column.title} data-label={column.title}>
                  {value === undefined ? (
                    '—'
                  ) : (
                    <NumberField
                      label={`${node.id} ${column.label}`}
                      value={value}
                      rule={column.rule}
                      testId={column.testId?.(node)}
                      onCommit={(v) => onChange(updateNode(model, node.id, (n) => column.set(n, v ?? 0)))}
                    />
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const INITIAL_COLUMNS: NodeValueColumn[] = [
  {
    title: 'In service',
    label: 'in service at the start',
    rule: { bound: BOUNDS.patients },
    get: (n) => n.initial.occupied,
    set: (n, occupied) => ({ ...n, initial: { ...n.initial, occupied } }),
  },
  {
    title: 'Waiting in acute',
    label: 'waiting in acute at the start',
    rule: { bound: BOUNDS.patients },
    get: (n) => n.initial.waiting,
    set: (n, waiting) => ({ ...n, initial: { ...n.initial, waiting } }),
  },
];

const COST_COLUMNS: NodeValueColumn[] = [
  { title: 'Community cost', label: 'community cost', help: 'community-cost', rule: { bound: BOUNDS.cost }, get: (n) => n.costs.community, set: (n, community) => ({ ...n, costs: { ...n.costs, community } }) },
  { title: 'Acute delay cost', label: 'acute delay cost', help: 'acute-delay-cost', rule: { bound: BOUNDS.cost }, get: (n) => n.costs.acuteDelay, set: (n, acuteDelay) => ({ ...n, costs: { ...n.costs, acuteDelay } }) },
];

function InitialTable({ model, onChange }: EditorProps) {
  return (
    <Section id="edit-initial">
      <p className="nhsuk-body-s">Patients on the first day: in service (occ), and already waiting in an acute bed (dtoc).</p>
      <NodeValuesTable model={model} onChange={onChange} columns={INITIAL_COLUMNS} />
    </Section>
  );
}

function CostsTable({ model, onChange }: EditorProps) {
  return (
    <Section id="edit-costs">
      <p className="nhsuk-body-s">Pounds. Community: a day per occupied bed (P2, P3) or per visit (P1). Acute: a day per patient delayed.</p>
      <CostBasisControl model={model} onChange={onChange} />
      <NodeValuesTable model={model} onChange={onChange} columns={COST_COLUMNS} />
    </Section>
  );
}
