import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../lib/api-error-message';

export function LoadingMessage() {
  const { t } = useTranslation();
  return (
    <p className="status status-loading" role="status" data-testid="loading">
      {t('state.loading')}
    </p>
  );
}

export function EmptyMessage({ text, testId = 'empty' }: { text: string; testId?: string }) {
  return (
    <p className="status status-empty" data-testid={testId}>
      {text}
    </p>
  );
}

/** Shows what failed in plain words, with a retry button when the caller can retry. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  const message = apiErrorMessage(error, i18n.language);
  return (
    <div className="status status-error" role="alert" data-testid="error">
      <p>{t(message.key, message.values)}</p>
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}
