/**
 * `pathflow run --outputs`: which of a run's files to write. At national scale daily.csv and
 * the IPACS-layout files are most of a gigabyte; a planner who wants only the summary, or the
 * daily figures as Parquet, names the groups and gets only those files. model.json and
 * manifest.json are always written: they say what the run was.
 */
export const OUTPUT_GROUPS = {
  summary: 'summary.csv',
  daily: 'daily.csv',
  replications: 'replications.csv',
  ipacs: 'the four IPACS-layout CSVs',
  network: 'flows.csv and system.csv (runs with networks)',
  parquet: 'daily.parquet and summary.parquet',
} as const;

export type OutputGroup = keyof typeof OUTPUT_GROUPS;

/**
 * Whether the run's output writer (runOutputFiles.ts) formats summary.csv, a line as each
 * scenario arrives, instead of the run sink formatting the whole file once the simulation is
 * done: on the writer thread, that work is off the run's critical path (12 ms of a cold main
 * thread on the IPACS sample). Not in a run with networks, whose networked nodes' lines need
 * their components' figures and which the writer is not sent as scenarios.
 */
export function writerMakesSummaryCsv(outputs: ReadonlySet<OutputGroup>, keys: readonly { component?: string }[]): boolean {
  return outputs.has('summary') && keys.every((key) => key.component === undefined);
}

/** What a run wrote before --outputs existed, and still writes by default. */
export const DEFAULT_OUTPUTS: readonly OutputGroup[] = ['summary', 'daily', 'replications', 'ipacs', 'network'];

function isOutputGroup(name: string): name is OutputGroup {
  return Object.hasOwn(OUTPUT_GROUPS, name);
}

/** `summary,parquet` -> the groups, in the order OUTPUT_GROUPS lists them; `all` is every group. */
export function parseOutputs(text: string): OutputGroup[] {
  const names = text.split(',').map((name) => name.trim().toLowerCase());
  if (names.includes('all')) return Object.keys(OUTPUT_GROUPS) as OutputGroup[];
  const unknown = names.filter((name) => !isOutputGroup(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`--outputs takes a comma-separated list of ${Object.keys(OUTPUT_GROUPS).join(', ')} or all, not '${unknown[0] ?? text}'`);
  }
  return (Object.keys(OUTPUT_GROUPS) as OutputGroup[]).filter((group) => names.includes(group));
}
