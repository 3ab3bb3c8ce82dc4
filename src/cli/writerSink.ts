/**
 * The command line's run sink: the big files stream from the writer thread into the staged
 * output directory, the whole ones are written there directly, and every one is recorded so
 * the commit and the manifest know it.
 */
import type { RunSink } from '../app/run.js';
import type { OutputWriter } from './outputWriter.js';
import type { StagedOutput } from './outputDirectory.js';

export function writerSink(writer: OutputWriter, staged: StagedOutput): RunSink {
  return {
    begin: (model, keys) => writer.begin(staged.directory, model, keys),
    addScenario: (index, summary) => writer.add(index, summary),
    addComponent: (index, summary) => writer.addComponent(index, summary),
    addFile: (name, content) => staged.write(name, content),
    async finish() {
      const names = await writer.finish();
      for (const name of names) staged.record(name);
      return names;
    },
  };
}
