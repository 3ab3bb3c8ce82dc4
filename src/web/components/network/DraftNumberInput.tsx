/**
 * A number input of the network editor. Text that is no number is refused here, at the
 * field; a number goes into the draft at once, and the validator's problem with it (a route
 * share that makes its node's routes add up to more than 1) comes back as `problem`.
 */
import { useId, useState } from 'react';
import { parseNumber } from '../../modelEdits.js';

export interface DraftNumberInputProps {
  value: number | undefined;
  label: string;
  rule: Parameters<typeof parseNumber>[1];
  onCommit: (value: number | undefined) => void;
  /** The validator's problem at this field, or a group's this field belongs to. */
  problem?: string;
  /** The id of a group's error message this field is part of. */
  describedBy?: string;
  testId?: string;
  width?: 2 | 3 | 4 | 5;
}

export function DraftNumberInput({ value, label, rule, onCommit, problem, describedBy, testId, width = 4 }: DraftNumberInputProps) {
  const id = useId();
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  const [typingError, setTypingError] = useState<string>();
  const [shown, setShown] = useState(value);
  if (!Object.is(value, shown)) {
    // The draft model changed elsewhere (an undo, a removed row): show its value unless it is what is typed.
    setShown(value);
    const typed = parseNumber(draft, { optional: true });
    if (!('value' in typed && typed.value === value)) setDraft(value === undefined ? '' : String(value));
    setTypingError(undefined);
  }
  const change = (text: string) => {
    setDraft(text);
    const parsed = parseNumber(text, rule);
    setTypingError('error' in parsed ? parsed.error : undefined);
    if ('value' in parsed && parsed.value !== value) onCommit(parsed.value);
  };
  const errorId = `${id}-error`;
  const error = typingError ?? problem;
  const described = [typingError || problem ? errorId : undefined, describedBy].filter(Boolean).join(' ') || undefined;
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
        className={`nhsuk-input nhsuk-input--width-${width}${error || describedBy ? ' nhsuk-input--error' : ''}`}
        id={id}
        type="text"
        inputMode="decimal"
        spellCheck={false}
        autoComplete="off"
        value={draft}
        aria-invalid={error || describedBy ? true : undefined}
        aria-describedby={described}
        onChange={(e) => change(e.target.value)}
        data-testid={testId}
      />
    </div>
  );
}
