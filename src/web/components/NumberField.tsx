/**
 * A number input validated as the planner types: the model only ever receives a value
 * that passes, and the message says what is wrong until it does.
 */
import { useId, useState } from 'react';
import { parseNumber } from '../modelEdits.js';

export interface NumberFieldProps {
  value: number | undefined;
  label: string;
  /** Show the label (forms) or keep it for screen readers only (table cells). */
  visibleLabel?: boolean;
  rule: Parameters<typeof parseNumber>[1];
  /** A further check of a parsed value against the rest of the row (e.g. a LOS fit). */
  check?: (value: number | undefined) => string | undefined;
  onCommit: (value: number | undefined) => void;
  width?: 2 | 3 | 4 | 5 | 10;
  testId?: string;
}

function show(value: number | undefined): string {
  return value === undefined ? '' : Number.isFinite(value) ? String(value) : 'Infinity';
}

export function NumberField({ value, label, visibleLabel = false, rule, check, onCommit, width = 4, testId }: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(show(value));
  const [error, setError] = useState<string | undefined>();

  // A new model (loaded, or changed elsewhere) replaces what is shown, unless it is the
  // value being typed already. Adjusted during render, React's pattern for state that
  // follows a prop.
  const [shownValue, setShownValue] = useState(value);
  if (!Object.is(value, shownValue)) {
    setShownValue(value);
    const parsed = parseNumber(draft, { optional: true });
    if (!('value' in parsed && parsed.value === value)) setDraft(show(value));
    setError(undefined);
  }

  const change = (text: string) => {
    setDraft(text);
    const parsed = parseNumber(text, rule);
    const problem = 'error' in parsed ? parsed.error : check?.(parsed.value);
    setError(problem);
    if (!problem && 'value' in parsed && parsed.value !== value) onCommit(parsed.value);
  };

  const errorId = `${id}-error`;
  return (
    <div className={`pf-number-field${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className={visibleLabel ? 'nhsuk-label' : 'nhsuk-u-visually-hidden'} htmlFor={id}>
        {label}
      </label>
      {error && (
        <span className="nhsuk-error-message pf-cell-error" id={errorId}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      <input
        className={`nhsuk-input nhsuk-input--width-${width}${error ? ' nhsuk-input--error' : ''}`}
        id={id}
        type="text"
        inputMode="decimal"
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
