/**
 * Loading over edits: a modal question before the edited model is replaced, and a banner
 * offering to undo a replacement. A native <dialog> opened with showModal(), so focus moves
 * into it, stays there, and Escape cancels, as the platform does for every modal.
 */
import { useEffect, useRef } from 'react';

export function ConfirmReplace({ incoming, onReplace, onCancel }: { incoming?: string; onReplace: () => void; onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (incoming && !element.open) {
      element.showModal();
      // Focus on the choice that loses nothing (React does not pass autofocus to showModal).
      cancel.current?.focus();
    }
    if (!incoming && element.open) element.close();
  }, [incoming]);
  return (
    <dialog
      ref={dialog}
      className="pf-dialog"
      aria-labelledby="replace-title"
      aria-describedby="replace-body"
      data-testid="confirm-replace"
      onCancel={(event) => {
        // Escape: the dialog closes through state, like the Cancel button.
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 className="nhsuk-heading-s" id="replace-title">
        Replace your edited model with {incoming ?? 'another model'}?
      </h2>
      <p className="nhsuk-body-s" id="replace-body">
        Your edits will be lost. You can undo this straight afterwards, until you edit the new model.
      </p>
      <div className="pf-button-row">
        <button type="button" className="nhsuk-button nhsuk-button--warning nhsuk-button--small" onClick={onReplace} data-testid="confirm-replace-replace">
          Replace
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onCancel} data-testid="confirm-replace-cancel" ref={cancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}

export function UndoReplace({ message, onUndo, onDismiss }: { message: string; onUndo: () => void; onDismiss: () => void }) {
  return (
    <div className="nhsuk-inset-text pf-undo" role="status" data-testid="undo-replace">
      <p className="nhsuk-body-s">
        {message}{' '}
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small pf-inline-button" onClick={onUndo} data-testid="undo-replace-button">
          Undo
        </button>{' '}
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small pf-inline-button" onClick={onDismiss}>
          Dismiss
        </button>
      </p>
    </div>
  );
}
