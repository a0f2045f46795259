import { useTranslation } from 'react-i18next';
import type { ValidationMessage } from '../check-in/validation';

interface TextFieldProps {
  /** Field name; also the suffix of the input's and error's `data-testid`. */
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: ValidationMessage | undefined;
  type?: 'text' | 'date' | 'number';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'email';
  /** Prefix of the `data-testid`s, e.g. `guest` gives `guest-name` and `field-error-name`. */
  testIdPrefix: string;
}

/** Renders a labelled input with its validation message, which screen readers announce. */
export function TextField(props: TextFieldProps) {
  const { t } = useTranslation();
  const inputId = `${props.testIdPrefix}-${props.name}`;
  const errorId = `${inputId}-error`;
  return (
    <div className="field" data-field={props.name}>
      <label htmlFor={inputId}>{props.label}</label>
      <input
        id={inputId}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={errorId}
        data-testid={inputId}
      />
      <p id={errorId} className="field-error" role="alert" data-testid={`field-error-${props.name}`}>
        {props.error ? t(props.error.key, props.error.values) : ''}
      </p>
    </div>
  );
}
