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
  /** A help link shown beside the label, outside it so the control's accessible name stays the label. */
  help?: ReactNode;
}

function Label({ id, label, help }: { id: string; label: ReactNode; help?: ReactNode }) {
  const element = (
    <label className="nhsuk-label" htmlFor={id}>
      {label}
    </label>
  );
  return help ? (
    <div className="pf-label-row">
      {element}
      {help}
    </div>
  ) : (
    element
  );
}

export function TextField({ id, label, help, value, onChange, error, width, 'aria-describedby': describedBy, ...rest }: TextFieldProps) {
  const errorId = `${id}-error`;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <Label id={id} label={label} help={help} />
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
  help?: ReactNode;
}

export function SelectField({ id, label, help, value, onChange, children, ...rest }: SelectFieldProps) {
  return (
    <div className="nhsuk-form-group">
      <Label id={id} label={label} help={help} />
      <select {...rest} className="nhsuk-select" id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}
