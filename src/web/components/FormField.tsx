/**
 * The NHS form group around a text input or a select: label, error message and control,
 * written once so every form in the page shows a problem the same way. The caller keeps
 * the text and checks it (unlike NumberField), because other controls read the value too.
 */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'className'> {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (text: string) => void;
  /** Shown above the input, which points at it (`${id}-error`) for screen readers. */
  error?: string;
  width?: 2 | 3 | 4 | 5 | 10 | 20;
}

export function TextField({ id, label, value, onChange, error, width, 'aria-describedby': describedBy, ...rest }: TextFieldProps) {
  const errorId = `${id}-error`;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {error && (
        <span className="nhsuk-error-message" id={errorId}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      <input
        {...rest}
        className={`nhsuk-input${width ? ` nhsuk-input--width-${width}` : ''}${error ? ' nhsuk-input--error' : ''}`}
        id={id}
        value={value}
        aria-describedby={error ? errorId : describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange' | 'className'> {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}

export function SelectField({ id, label, value, onChange, children, ...rest }: SelectFieldProps) {
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <select {...rest} className="nhsuk-select" id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}
