/**
 * The Pathflow page: load a workbook, edit it, run it in Web Workers, see and export the
 * results. The model is the one piece of state everything hangs on; it is immutable, so a
 * result is stale exactly when the model it ran on is no longer the current one.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { Header, Footer } from 'nhsuk-react-components';
import { zipSync, strToU8 } from 'fflate';
import type { ModelSpec } from '../engine/model.js';
import type { RunProgress, RunResult } from '../engine/run.js';
import { scenarioCount } from '../engine/scenarios.js';
import { readIpacsWorkbook, formatIssue } from '../workbook/read.js';
import { writeIpacsWorkbook } from '../workbook/write.js';
import { summaryCsv } from '../csv/summary.js';
import exampleUrl from '../../examples/fictional-icb.xlsx?url';
import { runInWorkers, WorkerPool } from './engineClient.js';
import { TaskCache } from '../app/taskCache.js';
import type { RunStats } from './testHooks.js';
import { decodeShareHash, encodeShareHash, loadLocal, MAX_REPLICATIONS, saveLocal, type SavedState } from './persist.js';
import { safeFileStem } from '../csv/fileName.js';
import { dailyCsvText, sha256Hex as sha256OfBytes, type WorkbookFile } from '../app/runDirectory.js';
import { runResultFiles } from '../app/runToFiles.js';
import { download, formatWhole } from './format.js';
import { parseNumber } from './modelEdits.js';
import { rebasedRunModel } from './basisChange.js';
import { Results, type ShownRun } from './components/Results.js';
import { Editor } from './components/Editor.js';
import { NetworkView } from './components/network/NetworkView.js';
import { LoadPanel, type LoadErrors } from './components/LoadPanel.js';
import { importPair } from './pathsimrPair.js';
import type { PathsimrUnit } from '../pathsimr/importPathsimr.js';
import { Tabs } from './components/Tabs.js';
import { PlanCapacity } from './components/PlanCapacity.js';
import { TextField } from './components/FormField.js';
import { formatShortDate } from '../report/format.js';
import { Glossary, GLOSSARY_ANCHOR } from './components/Glossary.js';
import { HelpLink, showOnPage } from './components/HelpLink.js';
import { ConfirmReplace, UndoReplace } from './components/ReplaceModel.js';
import { RealDataView } from './components/realData/RealDataView.js';
import { TeamMode } from './team/TeamMode.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DEFAULT_REPLICATIONS = 50;
const DEFAULT_SEED = 1;

interface Loaded {
  model: ModelSpec;
  source: string;
  warnings: string[];
  /** The workbook file read, when the model came from one. */
  workbook?: WorkbookFile;
  /** The model as loaded, before any edit; unknown for a session restored from this browser. */
  asLoaded?: ModelSpec;
}

/**
 * Whether replacing the model would lose edits: it differs, value by value, from the model
 * as loaded. A session restored from this browser may hold edits from an earlier visit, and
 * what it was loaded from is not kept, so it counts as edited.
 */
function hasEdits(loaded: Loaded): boolean {
  return !loaded.asLoaded || JSON.stringify(loaded.asLoaded) !== JSON.stringify(loaded.model);
}

type TabId = 'results' | 'edit' | 'network' | 'plan' | 'real';

/** A model read and checked, waiting to replace the current one. */
interface PendingLoad {
  next: Loaded;
  status: string;
  clearErrors: boolean;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', strToU8(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const REFUSED_ADVICE = 'Nothing was loaded from it: ask for a new link, or load a workbook.';

/**
 * Start-up: a shared link wins, then what this browser saved; else the bundled example opens.
 * A link or saved model that fails the model schema is refused with its problems, and the
 * next source is used.
 */
function initialState(): { saved?: SavedState; shared: boolean; hadLink: boolean; refused?: LoadErrors } {
  const shared = decodeShareHash(location.hash);
  const hadLink = shared !== undefined;
  if (shared?.ok) return { saved: shared.state, shared: true, hadLink };
  const linkRefused: LoadErrors | undefined = shared && { fileName: 'The shared link', issues: shared.issues, problems: shared.problems, advice: REFUSED_ADVICE };
  const local = loadLocal();
  if (local?.ok) return { saved: local.state, shared: false, hadLink, refused: linkRefused };
  const localRefused: LoadErrors | undefined = local && { fileName: 'The model saved in this browser', issues: local.issues, problems: local.problems, advice: 'It was set aside: load a workbook, or use the example.' };
  return { shared: false, hadLink, refused: linkRefused ?? localRefused };
}

export function App() {
  const [initial] = useState(initialState);
  const [loaded, setLoaded] = useState<Loaded | undefined>(
    initial.saved && { model: initial.saved.model, source: initial.saved.source, warnings: [], asLoaded: initial.shared ? initial.saved.model : undefined },
  );
  const [loadErrors, setLoadErrors] = useState<LoadErrors | undefined>(initial.refused);
  const [busyLoading, setBusyLoading] = useState(!initial.saved);
  const [replicationsText, setReplicationsText] = useState(String(initial.saved?.replications ?? DEFAULT_REPLICATIONS));
  const [seedText, setSeedText] = useState(String(initial.saved?.seed ?? DEFAULT_SEED));
  const [result, setResult] = useState<{ result: RunResult; model: ModelSpec; stats: RunStats; started: string; source: string; workbook?: WorkbookFile } | undefined>();
  // One run back, for "Compared with your previous run"; one only, to bound memory.
  const [previousRun, setPreviousRun] = useState<ShownRun | undefined>();
  const [progress, setProgress] = useState<RunProgress | undefined>();
  const [runError, setRunError] = useState<string | undefined>();
  const [status, setStatus] = useState(initial.saved ? (initial.shared ? 'Opened the model from the shared link.' : 'Restored your last session.') : '');
  const [tab, setTab] = useState<TabId>('results');
  const [shareLink, setShareLink] = useState<string | undefined>();
  const pool = useRef<WorkerPool | null>(null);
  const cache = useRef(new TaskCache());
  const abort = useRef<AbortController | null>(null);
  const modelRef = useRef<ModelSpec | undefined>(undefined);
  const statsRef = useRef<RunStats | undefined>(undefined);
  const loadedRef = useRef(loaded);
  const resultRef = useRef(result);
  const previousRunRef = useRef(previousRun);
  useEffect(() => {
    modelRef.current = loaded?.model;
    loadedRef.current = loaded;
    resultRef.current = result;
    previousRunRef.current = previousRun;
  }, [loaded, result, previousRun]);
  const [pendingLoad, setPendingLoad] = useState<PendingLoad>();
  const [undo, setUndo] = useState<{ previous: Loaded; result: typeof result; previousRun: typeof previousRun; next: Loaded; message: string }>();

  const replaceModel = useCallback((pending: PendingLoad) => {
    const previous = loadedRef.current;
    setUndo(previous && { previous, result: resultRef.current, previousRun: previousRunRef.current, next: pending.next, message: `Replaced ${previous.model.name} with ${pending.next.source}.` });
    setLoaded(pending.next);
    setResult(undefined);
    setPreviousRun(undefined);
    setStatus(pending.status);
    if (pending.clearErrors) setLoadErrors(undefined);
    setPendingLoad(undefined);
  }, []);

  // Edits are never dropped without asking: a model that differs from the one loaded is replaced only after "Replace".
  const offerLoad = useCallback(
    (pending: PendingLoad) => {
      const current = loadedRef.current;
      if (current && hasEdits(current)) setPendingLoad(pending);
      else replaceModel(pending);
    },
    [replaceModel],
  );

  const keepEdits = () => {
    if (pendingLoad) setStatus(`Kept your edited model: ${pendingLoad.next.source} was not loaded.`);
    setPendingLoad(undefined);
  };

  const undoReplace = () => {
    if (!undo) return;
    setLoaded(undo.previous);
    setResult(undo.result);
    setPreviousRun(undo.previousRun);
    setStatus(`Back to ${undo.previous.model.name} (from ${undo.previous.source}), as it was.`);
    setUndo(undefined);
  };
  // Undo is offered until the new model is edited: after that, undoing would drop those edits.
  const undoOffer = undo && loaded?.model === undo.next.model ? undo : undefined;

  const model = loaded?.model;
  const replications = parseNumber(replicationsText, { integer: true, min: 1 });
  const replicationsError =
    'error' in replications ? replications.error : (replications.value ?? 0) > MAX_REPLICATIONS ? `Enter ${formatWhole(MAX_REPLICATIONS)} or fewer` : undefined;
  const seed = parseNumber(seedText, { integer: true, min: 0 });
  const seedError = 'error' in seed ? seed.error : (seed.value ?? 0) > 0xffffffff ? 'Enter a seed below 4,294,967,296' : undefined;

  const getPool = () => (pool.current ??= new WorkerPool());

  const showExample = useCallback(async (fetched: Promise<Response>) => {
    try {
      const bytes = new Uint8Array(await (await fetched).arrayBuffer());
      const read = await readIpacsWorkbook(bytes, { fileName: 'fictional-icb.xlsx' });
      if (!read.ok) throw new Error(read.errors.map(formatIssue).join('; '));
      const workbook = { file: 'fictional-icb.xlsx', sha256: await sha256OfBytes(bytes), bytes: bytes.length, model: read.model };
      const next = { model: read.model, source: 'the bundled example (fictional-icb.xlsx)', warnings: read.warnings.map(formatIssue), workbook, asLoaded: read.model };
      // A refused link or saved model stays listed until the planner does something else.
      offerLoad({ next, status: 'Opened the example workbook.', clearErrors: !initial.refused });
    } catch (error) {
      setLoadErrors({ fileName: 'fictional-icb.xlsx', issues: [`The example could not be opened: ${String(error)}`] });
    } finally {
      setBusyLoading(false);
    }
  }, [initial.refused, offerLoad]);

  const openExample = useCallback(() => {
    setBusyLoading(true);
    void showExample(fetch(exampleUrl));
  }, [showExample]);

  const openFile = useCallback(async (file: File) => {
    setBusyLoading(true);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const read = await readIpacsWorkbook(bytes, { fileName: file.name });
      if (!read.ok) {
        // Nothing is loaded from a workbook with errors: the current model stays.
        setLoadErrors({ fileName: file.name, issues: read.errors.map(formatIssue) });
        setStatus(`${file.name} was not loaded: ${read.errors.length} problem${read.errors.length === 1 ? '' : 's'}.`);
        return;
      }
      const workbook = { file: file.name, sha256: await sha256OfBytes(bytes), bytes: bytes.length, model: read.model };
      const next = { model: read.model, source: file.name, warnings: read.warnings.map(formatIssue), workbook, asLoaded: read.model };
      offerLoad({ next, status: `Loaded ${file.name}: ${read.model.nodes.length} nodes, ${scenarioCount(read.model)} scenarios.`, clearErrors: true });
    } finally {
      setBusyLoading(false);
    }
  }, [offerLoad]);

  const openPathsimr = useCallback(async (files: File[], unit: PathsimrUnit) => {
    setBusyLoading(true);
    try {
      const imported = importPair(await Promise.all(files.map(async (file) => ({ name: file.name, text: await file.text() }))), unit);
      if (!imported.ok) {
        const severalFiles = files.length > 1;
        setLoadErrors({ fileName: imported.fileName, severalFiles, issues: imported.issues, advice: 'Correct the files and choose both again. The model shown is unchanged.' });
        setStatus(`${imported.fileName} ${severalFiles ? 'were' : 'was'} not loaded: ${imported.issues.length} problem${imported.issues.length === 1 ? '' : 's'}.`);
        return;
      }
      const next = { model: imported.model, source: imported.source, warnings: imported.notes, asLoaded: imported.model };
      offerLoad({ next, status: `Loaded ${imported.source}: ${imported.model.nodes.length} nodes.`, clearErrors: true });
    } finally {
      setBusyLoading(false);
    }
  }, [offerLoad]);

  useEffect(() => {
    // The link has been read: drop it from the address bar, or a reload would bring back
    // the shared model over the planner's later edits.
    if (initial.hadLink) history.replaceState(null, '', location.pathname + location.search);
    if (!initial.saved) fetch(exampleUrl).then((response) => showExample(Promise.resolve(response)), (error) => showExample(Promise.reject(error)));
  }, [initial, showExample]);

  const savedState = useMemo<SavedState | undefined>(
    () =>
      model && !replicationsError && !seedError && 'value' in replications && 'value' in seed
        ? { model, source: loaded?.source ?? '', replications: replications.value ?? DEFAULT_REPLICATIONS, seed: seed.value ?? DEFAULT_SEED }
        : undefined,
    [model, loaded?.source, replications, seed, replicationsError, seedError],
  );

  // Saved a moment after the last change, so typing does not serialise the model per key.
  useEffect(() => {
    if (!savedState) return;
    const timer = setTimeout(() => saveLocal(savedState), 300);
    return () => clearTimeout(timer);
  }, [savedState]);

  const run = useCallback(async () => {
    if (!model || !savedState) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setRunError(undefined);
    setProgress({ replicationsDone: 0, replicationsTotal: scenarioCount(model) * savedState.replications });
    setStatus('Running…');
    const started = new Date().toISOString();
    try {
      const { result: runResult, stats } = await runInWorkers(
        getPool(),
        model,
        { replications: savedState.replications, seed: savedState.seed },
        cache.current,
        setProgress,
        controller.signal,
      );
      statsRef.current = stats;
      setPreviousRun(result && { result: result.result, model: result.model });
      setResult({ result: runResult, model, stats, started, source: loaded?.source ?? '', workbook: loaded?.workbook });
      setStatus(
        `Ran ${runResult.scenarios.length} scenarios × ${runResult.replications} replications in ${(stats.milliseconds / 1000).toFixed(2)} s` +
          (stats.reused > 0 ? ` (${stats.simulated} simulated, ${stats.reused} unchanged and reused).` : '.'),
      );
      setTab('results');
    } catch (error) {
      if (controller.signal.aborted) setStatus('Run cancelled.');
      else {
        setRunError(error instanceof Error ? error.message : String(error));
        setStatus('The run failed.');
      }
    } finally {
      if (abort.current === controller) {
        abort.current = null;
        setProgress(undefined);
      }
    }
  }, [model, savedState, loaded?.source, loaded?.workbook, result]);

  const cancel = () => abort.current?.abort();

  useEffect(() => {
    window.__pathflow = {
      model: () => modelRef.current,
      run: async (m, options, workers) => {
        // A pool of its own when a worker count is asked for, to show it changes nothing.
        const own = workers === undefined ? undefined : new WorkerPool(workers);
        const { result: r } = await runInWorkers(own ?? getPool(), m, options, undefined).finally(() => own?.terminate());
        const daily = dailyCsvText(r);
        return { summaryCsv: summaryCsv(r, m), dailySha256: await sha256Hex(daily), scenarios: r.scenarios.length };
      },
      lastRunStats: () => statsRef.current,
    };
  }, []);

  const exportWorkbook = async () => {
    if (!model) return;
    download(`${safeFileStem(model.name)}.xlsx`, (await writeIpacsWorkbook(model)) as Uint8Array<ArrayBuffer>, XLSX_TYPE);
  };

  const exportResults = async () => {
    if (!result) return;
    // A run directory as `pathflow run` writes one, so `pathflow report` makes a report of it.
    const files = await runResultFiles(result.result, result.model, result);
    download(`${safeFileStem(result.model.name)}-pathflow.zip`, zipSync(files, { level: 6 }) as Uint8Array<ArrayBuffer>, 'application/zip');
  };

  const exportSummary = () => {
    if (result) download('summary.csv', summaryCsv(result.result, result.model), 'text/csv');
  };

  const makeShareLink = async () => {
    if (!savedState) return;
    const link = `${location.origin}${location.pathname}${encodeShareHash(savedState)}`;
    setShareLink(link);
    try {
      await navigator.clipboard.writeText(link);
      setStatus(`Share link copied to the clipboard (${formatWhole(link.length)} characters).`);
    } catch {
      setStatus('Share link ready: copy it from the box below.');
    }
  };

  const updateModel = useCallback((next: ModelSpec) => {
    setLoaded((current) => (current ? { ...current, model: next } : current));
    // Costs are priced after simulation: a new basis re-prices the shown run instead of staling it.
    setResult((current) => (current ? { ...current, model: rebasedRunModel(current.model, next) } : current));
  }, []);
  const applyPlan = useCallback(
    (next: ModelSpec, message: string) => {
      updateModel(next);
      setStatus(message);
    },
    [updateModel],
  );

  const adoptRealDataModel = useCallback(
    (next: ModelSpec, source: string, notes: string[]) =>
      offerLoad({ next: { model: next, source, warnings: notes, asLoaded: next }, status: `Loaded ${source}: ${next.nodes.length} nodes, ${scenarioCount(next)} scenarios.`, clearErrors: true }),
    [offerLoad],
  );

  const openTeamModel = useCallback(
    (next: ModelSpec, source: string) => offerLoad({ next: { model: next, source, warnings: [], asLoaded: next }, status: `Opened ${source}.`, clearErrors: true }),
    [offerLoad],
  );

  const teamModelSaved = useCallback((saved: ModelSpec, source: string) => {
    setLoaded((current) => (current?.model === saved ? { ...current, source, asLoaded: saved } : current));
  }, []);

  const forgetPreviousRun = useCallback(() => setPreviousRun(undefined), []);
  const showCostBasis = useCallback(() => {
    setTab('edit');
    // The Edit tab renders on the next frame; then its control can be scrolled to and focused.
    requestAnimationFrame(() => {
      const control = document.getElementById('cost-basis');
      control?.scrollIntoView({ block: 'center' });
      control?.querySelector<HTMLInputElement>('input:checked')?.focus();
    });
  }, []);

  const running = progress !== undefined;
  const stale = result !== undefined && result.model !== model;
  const percent = progress && progress.replicationsTotal > 0 ? Math.round((100 * progress.replicationsDone) / progress.replicationsTotal) : 0;

  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <Header service={{ text: 'Pathflow: discharge to assess capacity', href: '#' }} containerClasses="pf-width">
        <Header.Account aria-label="Help">
          <Header.AccountItem href={`#${GLOSSARY_ANCHOR}`} onClick={(event: MouseEvent) => showOnPage(GLOSSARY_ANCHOR, event)} data-testid="header-help">
            Help: words and measures
          </Header.AccountItem>
        </Header.Account>
      </Header>
      <div className="nhsuk-width-container pf-width">
        <main className="nhsuk-main-wrapper nhsuk-main-wrapper--s" id="maincontent">
          <h1 className="nhsuk-heading-l pf-title">Plan discharge to assess capacity</h1>
          {model ? (
            <p className="nhsuk-lede-text pf-lede" data-testid="model-summary">
              <strong>{model.name}</strong>: {model.nodes.length} nodes, {scenarioCount(model)} scenarios, {model.dates.length} days from {formatShortDate(model.dates[0])} (from{' '}
              {loaded?.source}).
            </p>
          ) : (
            <p className="nhsuk-lede-text">{busyLoading ? 'Opening the example…' : 'Load an IPACS workbook to begin.'}</p>
          )}

          <TeamMode model={model} runOptions={savedState} onOpen={openTeamModel} onSaved={teamModelSaved} />
          {undoOffer && <UndoReplace message={undoOffer.message} onUndo={undoReplace} onDismiss={() => setUndo(undefined)} />}
          <ConfirmReplace incoming={pendingLoad?.next.source} onReplace={() => pendingLoad && replaceModel(pendingLoad)} onCancel={keepEdits} />

          <div className="pf-panels">
            <LoadPanel busy={busyLoading} errors={loadErrors} warnings={loaded?.warnings ?? []} onFile={openFile} onExample={openExample} onPathsimr={openPathsimr} />

            <section className="pf-panel" aria-labelledby="run-heading">
              <h2 id="run-heading" className="nhsuk-heading-s">
                Run
              </h2>
              <div className="pf-controls">
                <TextField id="replications" label="Replications" help={<HelpLink term="replications" />} width={5} inputMode="numeric" value={replicationsText} error={replicationsError} onChange={setReplicationsText} />
                <TextField id="seed" label="Seed" help={<HelpLink term="seed" />} width={5} inputMode="numeric" value={seedText} error={seedError} onChange={setSeedText} />
              </div>
              <div className="pf-button-row">
                <button type="button" className="nhsuk-button" onClick={() => void run()} disabled={!savedState || running} data-testid="run">
                  Run the model
                </button>
                {running && (
                  <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={cancel} data-testid="cancel">
                    Cancel
                  </button>
                )}
              </div>
              {running && (
                <div className="pf-progress">
                  <label htmlFor="run-progress" className="nhsuk-label">
                    Progress: {percent}%
                  </label>
                  <progress id="run-progress" max={progress.replicationsTotal} value={progress.replicationsDone} />
                </div>
              )}
              {runError && (
                <div className="nhsuk-error-summary" role="alert">
                  <h3 className="nhsuk-error-summary__title">The run failed</h3>
                  <div className="nhsuk-error-summary__body">
                    <p>{runError}</p>
                  </div>
                </div>
              )}
              <p className="nhsuk-body-s pf-status" role="status" aria-live="polite" data-testid="status">
                {status}
              </p>
            </section>

            <section className="pf-panel" aria-labelledby="export-heading">
              <h2 id="export-heading" className="nhsuk-heading-s">
                Export and share
              </h2>
              <div className="pf-button-row pf-button-column">
                <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => void exportWorkbook()} disabled={!model} data-testid="export-workbook">
                  Download workbook (.xlsx)
                </button>
                <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => void exportResults()} disabled={!result} data-testid="export-results">
                  Download results (CSV, .zip)
                </button>
                <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={exportSummary} disabled={!result} data-testid="export-summary">
                  Download summary.csv
                </button>
                <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => void makeShareLink()} disabled={!savedState} data-testid="share">
                  Copy a share link
                </button>
              </div>
              {shareLink && (
                <div className="nhsuk-form-group">
                  <label className="nhsuk-label" htmlFor="share-link">
                    Share link (holds the whole model; nothing is uploaded)
                  </label>
                  <input className="nhsuk-input" id="share-link" readOnly value={shareLink} onFocus={(e) => e.target.select()} data-testid="share-link" />
                </div>
              )}
            </section>
          </div>

          {model && (
            <Tabs
              label="Views"
              selected={tab}
              onSelect={(id) => setTab(id as TabId)}
              tabs={[
                {
                  id: 'results',
                  title: 'Results',
                  content: result ? (
                    <Results
                      result={result.result}
                      stale={stale}
                      model={result.model}
                      source={loaded?.source}
                      previous={previousRun}
                      onForgetPrevious={forgetPreviousRun}
                      onShowCostBasis={showCostBasis}
                    />
                  ) : (
                    <p className="nhsuk-body">No results yet: choose “Run the model”.</p>
                  ),
                },
                { id: 'edit', title: 'Edit parameters', content: <Editor model={model} onChange={updateModel} /> },
                // Kept mounted so that a network draft still failing the validator survives a look at another tab.
                { id: 'network', title: 'Network', keepMounted: true, content: <NetworkView model={model} onChange={updateModel} /> },
                {
                  id: 'plan',
                  title: 'Plan capacity',
                  // A plan, and the choices behind it, survive a visit to the editor or the results.
                  keepMounted: true,
                  content: (
                    <PlanCapacity
                      model={model}
                      seed={seedError || !('value' in seed) ? undefined : (seed.value ?? DEFAULT_SEED)}
                      onApply={applyPlan}
                      onShowCostBasis={showCostBasis}
                    />
                  ),
                },
                {
                  id: 'real',
                  title: 'Real data',
                  // Files read and fitted survive a visit to the results of the model made from them.
                  keepMounted: true,
                  content: <RealDataView model={model} seed={seedError || !('value' in seed) ? DEFAULT_SEED : (seed.value ?? DEFAULT_SEED)} onUseModel={adoptRealDataModel} />,
                },
              ]}
            />
          )}
          <Glossary />
        </main>
      </div>
      {/* Outside Footer.Meta the copyright is dropped and the library's default, "© NHS England", shown instead. */}
      <Footer>
        <Footer.Meta>
          <Footer.Copyright data-testid="footer-text">
            Pathflow — open-source capacity planning for Discharge to Assess · MIT licence. Runs entirely in your browser: workbooks never leave this computer.
          </Footer.Copyright>
        </Footer.Meta>
      </Footer>
    </>
  );
}
