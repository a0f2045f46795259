import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRemaining, formatTime } from '../../i18n/format';
import type { Facility, PairingCode } from './api';

/** Shows a freshly created pairing code large enough to read from the tablet, with its expiry. */
export function PairingCodePanel(props: { facility: Facility; code: PairingCode; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const expiresAt = new Date(props.code.expiresAt);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  const remaining = expiresAt.getTime() - now;
  const expired = remaining <= 0;

  return (
    <section className="card pairing-code" aria-labelledby="pairing-code-title" data-testid="pairing-code-panel">
      <h2 id="pairing-code-title">{t('pairing.title', { facility: props.facility.name })}</h2>
      <p>{t('pairing.instructions')}</p>
      <p className={expired ? 'code expired' : 'code'} data-testid="pairing-code">
        {props.code.pairingCode}
      </p>
      <p data-testid="pairing-code-expiry">
        {t('pairing.expiresAt', { time: formatTime(expiresAt, i18n.language) })}
        {!expired && <> · {t('pairing.remaining', { time: formatRemaining(remaining) })}</>}
      </p>
      {expired && (
        <p className="status status-error" role="alert">
          {t('pairing.expired')}
        </p>
      )}
      <button type="button" className="button secondary" onClick={props.onClose}>
        {t('pairing.close')}
      </button>
    </section>
  );
}
