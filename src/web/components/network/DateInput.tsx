/** A date field of the network editor (the browser's date picker); a complete date goes into the draft at once. */
import { useId } from 'react';

export function DateInput({ label, value, min, max, problem, onCommit, id: givenId, visibleLabel = false }: { label: string; value: string; min?: string; max?: string; problem?: string; onCommit: (iso: string) => void; id?: string; visibleLabel?: boolean }) {
  const ownId = useId();
  const id = givenId ?? ownId;
  const errorId = `${id}-error`;
  return (
    <div className={`pf-number-field${problem ? ' nhsuk-form-group--error' : ''}`}>
      <label className={visibleLabel ? 'nhsuk-label' : 'nhsuk-u-visually-hidden'} htmlFor={id}>
        {label}
      </label>
      {problem && (
        <span className="nhsuk-error-message pf-cell-error" id={errorId}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {problem}
        </span>
      )}
      <input
        className={`nhsuk-input nhsuk-input--width-10${problem ? ' nhsuk-input--error' : ''}`}
        id={id}
        type="date"
        value={value}
        min={min}
        max={max}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
        onChange={(e) => {
          if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) onCommit(e.target.value);
        }}
      />
    </div>
  );
}
