/**
 * A text field of the network editor whose text is parsed as you type: text that does not
 * parse is refused here, at the field; a value goes into the draft at once, and the
 * validator's problem with it (route shares that add up to more than 1) comes back as
 * `problem`. When the draft changes elsewhere (an undo, a removed row), the field shows the
 * new value unless it is what is typed.
 */
import { useId, useState } from 'react';

export type Parsed<T> = { value: T } | { error: string };

export interface DraftTextInputProps<T> {
  value: T;
  label: string;
  parse: (text: string) => Parsed<T>;
  show: (value: T) => string;
  onCommit: (value: T) => void;
  /** The validator's problem at this field, or a group's this field belongs to. */
  problem?: string;
  /** The id of a group's error message this field is part of. */
  describedBy?: string;
  testId?: string;
  width: 2 | 3 | 4 | 5;
  inputMode?: 'decimal' | 'text';
}

export function DraftTextInput<T>({ value, label, parse, show, onCommit, problem, describedBy, testId, width, inputMode }: DraftTextInputProps<T>) {
  const id = useId();
  const [draft, setDraft] = useState(show(value));
  const [typingError, setTypingError] = useState<string>();
  const [shown, setShown] = useState(value);
  if (!Object.is(value, shown)) {
    setShown(value);
    const typed = parse(draft);
    if (!('value' in typed && Object.is(typed.value, value))) setDraft(show(value));
    setTypingError(undefined);
  }
  const change = (text: string) => {
    setDraft(text);
    const parsed = parse(text);
    setTypingError('error' in parsed ? parsed.error : undefined);
    if ('value' in parsed && !Object.is(parsed.value, value)) onCommit(parsed.value);
  };
  const errorId = `${id}-error`;
  const error = typingError ?? problem;
  const described = [error ? errorId : undefined, describedBy].filter(Boolean).join(' ') || undefined;
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
        inputMode={inputMode}
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
