import { FieldHint } from './ApiMessage';

/** Renders a labelled date input of a filter form, with the API's error for the field beside it. */
export function DateField(props: { label: string; value: string; onChange: (value: string) => void; error?: string; testId: string }) {
  const errorId = `${props.testId}-error`;
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type="date"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        data-testid={props.testId}
      />
      <FieldHint text={props.error} id={errorId} />
    </label>
  );
}
