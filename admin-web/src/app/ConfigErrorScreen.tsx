import { useTranslation } from 'react-i18next';
import type { ConfigError } from './config';

/**
 * Replaces the app when `/config.json` is missing or invalid. Sign-in cannot work without a
 * valid config, so the screen names whom to ask, in Japanese and English.
 */
export function ConfigErrorScreen({ error }: { error: ConfigError }) {
  const { t } = useTranslation();
  const english = { lng: 'en' };

  return (
    <main className="config-error card" role="alert" data-testid="config-error">
      <h1>{t('config.title')}</h1>
      <p>{t('config.body')}</p>
      <p lang="en" className="muted">
        {t('config.title', english)}. {t('config.body', english)}
      </p>
      <p className="muted">{error.message}</p>
      {error.problems.length > 0 && (
        <>
          <h2>
            {t('config.problems')} / {t('config.problems', english)}
          </h2>
          <ul data-testid="config-problems">
            {error.problems.map((problem) => (
              <li key={problem}>
                <code>{problem}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" className="button primary" onClick={() => window.location.reload()}>
        {t('config.reload')} / {t('config.reload', english)}
      </button>
    </main>
  );
}
