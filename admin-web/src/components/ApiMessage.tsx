import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api-client';
import { localMessage } from '../lib/api-error-message';
import { ErrorMessage } from './StatusMessage';

export { localMessage };

/**
 * Field errors of a rejected form, by field, in the screen's language. A field keeps its first
 * error, as the API puts it first and FormError shows the first one.
 */
export function useFieldErrors(error: unknown): Record<string, string> {
  const { i18n } = useTranslation();
  if (!(error instanceof ApiError)) return {};
  return fieldErrorsByField(error.fieldErrors, i18n.language);
}

/** Maps field errors to their field, keeping the first message of each field, in `language`. */
export function fieldErrorsByField(fieldErrors: readonly { field: string; message: string }[], language: string): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const item of fieldErrors) {
    if (!(item.field in byField)) byField[item.field] = localMessage(item.message, language);
  }
  return byField;
}

/**
 * Shows why the API rejected a form: the API's own message for 400, 403, 404 and 409 (it says what
 * to do, in both languages), else the generic message of the failure. When several fields are
 * invalid, it lists every field error, because the API's message names only the first.
 */
export function FormError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (error instanceof ApiError && error.fieldErrors.length > 1) {
    return (
      <div className="status status-error" role="alert" data-testid="form-error">
        <p>{t('errors.invalidFields', { count: error.fieldErrors.length })}</p>
        <ul>
          {error.fieldErrors.map((fieldError, index) => (
            <li key={`${fieldError.field}-${index}`} data-testid="form-error-field" data-field={fieldError.field}>
              {localMessage(fieldError.message, i18n.language)}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (error instanceof ApiError && [400, 403, 404, 409].includes(error.status)) {
    return (
      <p className="status status-error" role="alert" data-testid="form-error">
        {localMessage(error.message, i18n.language)}
      </p>
    );
  }
  return <ErrorMessage error={error} />;
}

export function FieldHint({ text, id }: { text?: string; id: string }) {
  if (!text) return null;
  return (
    <span className="field-error" id={id} role="alert">
      {text}
    </span>
  );
}
