/**
 * Choosing sitrep files and the organisation: the files are read in a Web Worker to list the
 * codes they hold, then read again for the one chosen. Nothing is uploaded.
 */
import { useState } from 'react';
import { filesAsBytes, readSitrep, readSitrepOrgs } from '../../realData/realDataClient.js';
import type { NamedBytes, SitrepData } from '../../realData/realDataTasks.js';
import type { SitrepOrg } from '../../../sitrep/orgTable.js';
import { SelectField } from '../FormField.js';
import { ProblemList } from './ProblemList.js';

export interface SitrepPickerProps {
  onData: (data: SitrepData, fileNames: string[]) => void;
}

function orgLabel(org: SitrepOrg): string {
  return `${org.code}: ${org.name}${org.level === 'trust' ? ' (trust)' : ''}`;
}

export function SitrepPicker({ onData }: SitrepPickerProps) {
  const [files, setFiles] = useState<NamedBytes[]>([]);
  const [orgs, setOrgs] = useState<SitrepOrg[]>([]);
  const [org, setOrg] = useState('');
  const [busy, setBusy] = useState<string>();
  const [problems, setProblems] = useState<string[]>();

  const choose = async (chosen: File[]) => {
    setProblems(undefined);
    setBusy(`Reading ${chosen.length} file${chosen.length === 1 ? '' : 's'}…`);
    try {
      const bytes = await filesAsBytes(chosen);
      const answer = await readSitrepOrgs(bytes);
      if (!answer.ok) {
        setProblems(answer.problems);
        setOrgs([]);
        return;
      }
      setFiles(bytes);
      setOrgs(answer.orgs);
      setOrg((current) => (answer.orgs.some((o) => o.code === current) ? current : (answer.orgs.find((o) => o.level === 'icb')?.code ?? answer.orgs[0]?.code ?? '')));
    } finally {
      setBusy(undefined);
    }
  };

  const read = async () => {
    setProblems(undefined);
    setBusy(`Reading ${org}…`);
    try {
      const answer = await readSitrep(files, [org]);
      if (answer.ok) onData(answer, files.map((file) => file.name));
      else setProblems(answer.problems);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div data-testid="sitrep-picker">
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="sitrep-files">
          Choose NHS England discharge sitrep files (.xlsx, several at once)
        </label>
        <div className="nhsuk-hint" id="sitrep-files-hint">
          The monthly acute discharge sitrep webfiles, as published. Read in this browser, not uploaded.
        </div>
        <input
          className="nhsuk-file-upload pf-file-input"
          id="sitrep-files"
          type="file"
          multiple
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby="sitrep-files-hint"
          disabled={busy !== undefined}
          onChange={(e) => {
            const chosen = [...(e.target.files ?? [])];
            if (chosen.length > 0) void choose(chosen);
            e.target.value = '';
          }}
        />
      </div>
      {problems && <ProblemList title="The sitrep files were not read" problems={problems} testId="sitrep-problems" />}
      {orgs.length > 0 && (
        <div className="pf-controls">
          <SelectField id="sitrep-org" label={`Organisation (${orgs.length} in ${files.length} file${files.length === 1 ? '' : 's'})`} value={org} onChange={setOrg}>
            {orgs.map((o) => (
              <option key={o.code} value={o.code}>
                {orgLabel(o)}
              </option>
            ))}
          </SelectField>
          <button type="button" className="nhsuk-button nhsuk-button--secondary pf-align-end" onClick={() => void read()} disabled={busy !== undefined || !org} data-testid="sitrep-read">
            Show {org}
          </button>
        </div>
      )}
      {busy && (
        <p className="nhsuk-body-s" role="status">
          {busy}
        </p>
      )}
    </div>
  );
}
