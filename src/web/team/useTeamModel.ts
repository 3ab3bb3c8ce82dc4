/**
 * Which team model the page's model came from, and opening one. A model read from the
 * server is checked by the same validator as a workbook before it reaches the page; it
 * counts as opened only once the page shows it (the planner may keep their edits instead).
 */
import { useCallback, useMemo, useState } from 'react';
import type { ModelSpec } from '../../engine/model.js';
import { formatModelIssue, validateModel } from '../../engine/modelSchema.js';
import type { TeamApi } from './teamApi.js';
import type { OpenedTeamModel } from './openedModel.js';

export interface TeamModelState {
  opened?: OpenedTeamModel;
  edited: boolean;
  openError?: string;
  open: (modelId: string, revision?: number) => Promise<void>;
  /** The page's model was just saved as this revision. */
  saved: (opened: OpenedTeamModel) => void;
}

export function useTeamModel(api: TeamApi, workspaceId: string, model: ModelSpec | undefined, onOpen: (model: ModelSpec, source: string) => void): TeamModelState {
  const [opened, setOpened] = useState<OpenedTeamModel>();
  const [pending, setPending] = useState<OpenedTeamModel>();
  const [openError, setOpenError] = useState<string>();

  // Adjusted while rendering, React's way for state that follows a prop: no extra effect pass.
  if (pending && model === pending.spec) {
    setOpened(pending);
    setPending(undefined);
  }

  const open = useCallback(
    async (modelId: string, revision?: number) => {
      setOpenError(undefined);
      try {
        const view = await api.model(workspaceId, modelId);
        const number = revision ?? view.latestRevision;
        const stored = await api.revision(workspaceId, modelId, number);
        const checked = validateModel(stored.model);
        if (!checked.ok) {
          setOpenError(`Revision ${number} of ${view.name} does not pass the model checks: ${checked.issues.slice(0, 3).map(formatModelIssue).join('; ')}`);
          return;
        }
        setPending({ modelId, name: view.name, revision: number, spec: checked.model });
        onOpen(checked.model, `${view.name}, revision ${number}, from the team workspace`);
      } catch (problem) {
        setOpenError((problem as Error).message);
      }
    },
    [api, workspaceId, onOpen],
  );

  // Identity first: the page's model object is replaced on every edit, so an unedited one is the one opened.
  const edited = useMemo(() => opened !== undefined && model !== opened.spec && JSON.stringify(model) !== JSON.stringify(opened.spec), [model, opened]);
  return { opened, edited, openError, open, saved: setOpened };
}
