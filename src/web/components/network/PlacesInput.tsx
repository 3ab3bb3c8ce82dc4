/**
 * A buffer's waiting places in the nodes table: a whole number, `unlimited`, or blank for
 * the default. Text that is neither is refused at the field; anything else goes into the draft.
 */
import { useId, useState } from 'react';
import type { Places } from '../../../engine/model.js';
import { parsePlaces } from '../../networkModelEdits.js';

const show = (value: Places | undefined) => (value === undefined ? '' : String(value));

export function PlacesInput({ value, label, onCommit, problem, testId }: { value: Places | undefined; label: string; onCommit: (value: Places | undefined) => void; problem?: string; testId?: string }) {
  const id = useId();
  const [draft, setDraft] = useState(show(value));
  const [typingError, setTypingError] = useState<string>();
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    const typed = parsePlaces(draft);
    if (!('value' in typed && typed.value === value)) setDraft(show(value));
    setTypingError(undefined);
  }
  const change = (text: string) => {
    setDraft(text);
    const parsed = parsePlaces(text);
    setTypingError('error' in parsed ? parsed.error : undefined);
    if ('value' in parsed && parsed.value !== value) onCommit(parsed.value);
  };
  const error = typingError ?? problem;
  const errorId = `${id}-error`;
  return (
    <div className={`pf-number-field${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-u-visually-hidden" htmlFor={id}>
        {label}
      </label>
      {error && (
        <span className="nhsuk-error-message pf-cell-error" id={errorId}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      <input
        className={`nhsuk-input nhsuk-input--width-5${error ? ' nhsuk-input--error' : ''}`}
        id={id}
        type="text"
        spellCheck={false}
        autoComplete="off"
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => change(e.target.value)}
        data-testid={testId}
      />
    </div>
  );
}
