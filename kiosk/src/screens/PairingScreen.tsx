import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskConfig } from '../config/kiosk-config';
import type { PairedDevice } from '../device/paired-device';
import { pairDevice, PairingError } from '../device/pair-device';

interface PairingScreenProps {
  config: KioskConfig;
  initialCode: string;
  onPaired: (device: PairedDevice) => void;
}

/** Translation key of the message that explains each pairing failure to staff. */
const pairingErrorKeys: Record<PairingError['reason'], string> = {
  'invalid-format': 'pairing.invalidFormat',
  rejected: 'pairing.rejected',
  'server-error': 'pairing.serverError',
  'invalid-response': 'pairing.invalidResponse',
  unreachable: 'pairing.unreachable',
};

/** First start: staff enter the one-time pairing code issued in admin-web. */
export function PairingScreen({ config, initialCode, onPaired }: PairingScreenProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState(initialCode);
  const [submitting, setSubmitting] = useState(false);
  const [errorKey, setErrorKey] = useState<string>();

  const autoSubmitted = useRef(false);

  // A code from the URL pairs at once, so the local demo URL needs no typing.
  useEffect(() => {
    if (!initialCode || autoSubmitted.current) return;
    autoSubmitted.current = true;
    void pair(initialCode);
  }, [initialCode]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    await pair(code);
  }

  async function pair(pairingCode: string) {
    if (pairingCode.trim() === '') {
      setErrorKey('validation.required');
      return;
    }
    setSubmitting(true);
    setErrorKey(undefined);
    try {
      onPaired(await pairDevice(config, pairingCode));
    } catch (error) {
      const reason = error instanceof PairingError ? error.reason : 'unreachable';
      console.warn('Pairing failed', { reason });
      setErrorKey(pairingErrorKeys[reason]);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="screen" onSubmit={(event) => void submit(event)} data-testid="pairing-screen">
      <h1>{t('pairing.title')}</h1>
      <p>{t('pairing.intro')}</p>
      <div className="field">
        <label htmlFor="pairing-code">{t('pairing.codeLabel')}</label>
        <input
          id="pairing-code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          data-testid="pairing-code-input"
        />
        <p className="field-error" role="alert" data-testid="pairing-error">
          {errorKey ? t(errorKey) : ''}
        </p>
      </div>
      <button type="submit" className="primary" disabled={submitting} data-testid="pairing-submit">
        {submitting ? t('pairing.submitting') : t('pairing.submit')}
      </button>
    </form>
  );
}
