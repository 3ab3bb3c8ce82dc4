/**
 * `--out` never removes what Pathflow did not write (issue 10, defect 1): an existing
 * directory is replaced only when its manifest.json is unmistakably Pathflow's, and then only
 * the files that manifest lists. The built CLI in a child process; `npm run build` first.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtCliWorkDirectory, example, pathflow } from '../cliHarness.js';
import { stagingBeside } from './spawnedCli.js';

let work: string;
beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-out-');
});

/** Every file under `dir` (relative paths) with its content, to show nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[path.slice(dir.length + 1)] = readFileSync(path, 'utf8');
    }
  }
  return files;
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

function earlierRun(name: string, ...extra: string[]): string {
  const out = join(work, name);
  const { status, stderr } = pathflow('run', example, '--runs', '2', '--out', out, '-q', ...extra);
  expect(status, stderr).toBe(0);
  return out;
}

describe('run --out over an existing directory', () => {
  it("refuses the issue's project directory with a manifest.json of its own, and leaves all of it", () => {
    const project = join(work, 'p');
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'manifest.json'), '{"name":"app"}');
    writeFileSync(join(project, 'src', 'app.js'), 'console.log(1)\n');
    writeFileSync(join(project, 'README.md'), '# app\n');
    const before = snapshot(project);
    const { status, stderr } = pathflow('run', example, '--runs', '2', '--out', project, '-q');
    expect(status).toBe(2);
    expect(stderr).toMatch(/manifest\.json is not a Pathflow manifest/);
    expect(stderr).toMatch(/choose another --out/);
    expect(snapshot(project)).toEqual(before);
    expect(stagingBeside(work, 'p')).toEqual([]);
  });

  it("keeps a user's note and folder inside an earlier run's directory when re-running", () => {
    const out = earlierRun('with-note');
    writeFileSync(join(out, 'notes.txt'), 'board asked for S1 only');
    mkdirSync(join(out, 'charts'));
    writeFileSync(join(out, 'charts', 'occupancy.png'), 'not really a png');
    const { status, stderr } = pathflow('run', example, '--runs', '3', '--seed', '9', '--out', out, '-q');
    expect(status, stderr).toBe(0);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('board asked for S1 only');
    expect(readFileSync(join(out, 'charts', 'occupancy.png'), 'utf8')).toBe('not really a png');
    expect(manifestOf(out)).toMatchObject({ runs: 3, seed: 9 });
    expect(stagingBeside(work, 'with-note')).toEqual([]);
  });

  it("replaces an earlier run's files: none of the old run's files that the new run does not write remains", () => {
    const out = earlierRun('dropped-report', '--report', 'html');
    expect(manifestOf(out).files).toContain('report.html');
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    const { status, stderr } = pathflow('run', example, '--runs', '2', '--out', out, '-q');
    expect(status, stderr).toBe(0);
    const manifest = manifestOf(out);
    expect(manifest.files).not.toContain('report.html');
    expect(readdirSync(out).sort()).toEqual([...manifest.files].sort());
  });

  it('removes, on a re-run, a report that pathflow report added to the run directory', () => {
    const out = earlierRun('added-report');
    const report = pathflow('report', out);
    expect(report.status, report.stderr).toBe(0);
    expect(manifestOf(out).files).toContain('report.html');
    const { status, stderr } = pathflow('run', example, '--runs', '2', '--out', out, '-q');
    expect(status, stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...manifestOf(out).files].sort());
    expect(existsSync(join(out, 'report.html'))).toBe(false);
  });

  it("replaces an optimise directory's files with a run's (both commands' manifests are recognised)", () => {
    const out = join(work, 'was-optimise');
    expect(pathflow('optimise', example, '--nodes', 'P2_RV', '--runs', '4', '--out', out, '-q').status).toBe(0);
    writeFileSync(join(out, 'keep.md'), 'mine');
    const { status, stderr } = pathflow('run', example, '--runs', '2', '--out', out, '-q');
    expect(status, stderr).toBe(0);
    expect(existsSync(join(out, 'optimal.csv'))).toBe(false);
    expect(readdirSync(out).sort()).toEqual([...manifestOf(out).files, 'keep.md'].sort());
  });

  it('recognises the manifest of the first released run (no peak memory, no report files)', () => {
    const out = earlierRun('first-release');
    const { peakMemoryMB: _peak, ...first } = manifestOf(out);
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...first, pathflow: '0.0.1' }, null, 2) + '\n');
    expect(pathflow('run', example, '--runs', '2', '--out', out, '-q').status).toBe(0);
  });

  it('touches nothing outside the directory when a manifest lists ../x or an absolute path', () => {
    const outside = join(work, 'x');
    writeFileSync(outside, 'outside the run directory');
    const victim = join(work, 'victim.txt');
    writeFileSync(victim, 'also outside');
    const out = earlierRun('hostile');
    const manifest = manifestOf(out);
    for (const listed of ['../x', victim, '/etc/passwd', '..', 'sub/daily.csv']) {
      writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...manifest, files: [...manifest.files, listed] }));
      const before = snapshot(out);
      const { status, stderr } = pathflow('run', example, '--runs', '2', '--out', out, '-q');
      expect(status, listed).toBe(2);
      expect(stderr, listed).toMatch(/not a Pathflow manifest/);
      expect(snapshot(out), listed).toEqual(before);
    }
    expect(readFileSync(outside, 'utf8')).toBe('outside the run directory');
    expect(readFileSync(victim, 'utf8')).toBe('also outside');
    expect(existsSync('/etc/passwd')).toBe(true);
  });

  it('never follows a symbolic link out of the directory', () => {
    const elsewhere = join(work, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'summary.csv'), 'someone else’s summary');
    const out = earlierRun('linked-file');
    const linked = join(out, 'summary.csv');
    // A listed name that is now a link to a file outside: neither the link nor what it points at is replaced.
    rmSync(linked);
    symlinkSync(join(elsewhere, 'summary.csv'), linked);
    const { status, stderr } = pathflow('run', example, '--runs', '2', '--out', out, '-q');
    expect(status).toBe(2);
    expect(stderr).toMatch(/summary\.csv, which is a symbolic link/);
    expect(readFileSync(join(elsewhere, 'summary.csv'), 'utf8')).toBe('someone else’s summary');

    // An --out that is itself a link to another directory is refused.
    const link = join(work, 'link-to-run');
    symlinkSync(earlierRun('link-target'), link);
    const viaLink = pathflow('run', example, '--runs', '2', '--out', link, '-q');
    expect(viaLink.status).toBe(2);
    expect(viaLink.stderr).toMatch(/symbolic link/);
  });

  it("refuses to overwrite a file of the user's that has the name of a file the run writes", () => {
    const out = earlierRun('own-report');
    // Not listed in the manifest: the user's own report.html, say.
    writeFileSync(join(out, 'report.html'), '<p>my own</p>');
    const { status, stderr } = pathflow('run', example, '--runs', '2', '--out', out, '-q', '--report', 'html');
    expect(status).toBe(2);
    expect(stderr).toMatch(/report\.html, which is not listed in .*manifest\.json/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe('<p>my own</p>');
    expect(stagingBeside(work, 'own-report')).toEqual([]);
  });

  it("pathflow report replaces its own report but not the user's file of the same name", () => {
    const out = earlierRun('report-twice');
    expect(pathflow('report', out).status).toBe(0);
    const again = pathflow('report', out);
    expect(again.status, again.stderr).toBe(0);
    expect(manifestOf(out).files.filter((name: string) => name === 'report.html')).toHaveLength(1);

    const theirs = earlierRun('report-theirs');
    writeFileSync(join(theirs, 'report.html'), '<p>my own</p>');
    const { status, stderr } = pathflow('report', theirs);
    expect(status).toBe(2);
    expect(stderr).toMatch(/report\.html, which is not listed in .*manifest\.json/);
    expect(readFileSync(join(theirs, 'report.html'), 'utf8')).toBe('<p>my own</p>');
    expect(manifestOf(theirs).files).not.toContain('report.html');
  });

  it('writes into an empty directory and refuses a file', () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    expect(pathflow('run', example, '--runs', '2', '--out', empty, '-q').status).toBe(0);
    expect(readdirSync(empty).sort()).toEqual([...manifestOf(empty).files].sort());
    const file = join(work, 'a-file');
    writeFileSync(file, 'x');
    const { status, stderr } = pathflow('run', example, '--runs', '2', '--out', file, '-q');
    expect(status).toBe(2);
    expect(stderr).toMatch(/not a directory/);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});
