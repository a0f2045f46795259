import { locales } from '../i18n/locales';

interface RevokedScreenProps {
  /** Check-ins still stored on the device, or undefined before the sync module has counted them. */
  pendingCount: number | undefined;
  onPairAgain: () => void;
}

/**
 * Tells staff that the operator revoked this device and that it must be paired again. The text
 * is for staff, so it is shown in Japanese and English whatever language a guest chose.
 */
export function RevokedScreen({ pendingCount, onPairAgain }: RevokedScreenProps) {
  const messages = [locales.ja.revoked, locales.en.revoked] as const;
  return (
    <div className="screen" role="alert" data-testid="revoked-screen">
      {messages.map((message, index) => (
        <section key={index} lang={index === 0 ? 'ja' : 'en'}>
          <h1>{message.title}</h1>
          <p>{message.body}</p>
          {pendingCount !== undefined && pendingCount > 0 && (
            <p data-testid={index === 0 ? 'revoked-pending' : undefined}>
              {message.pending.replace('{{count}}', String(pendingCount))}
            </p>
          )}
        </section>
      ))}
      <button type="button" className="primary" onClick={onPairAgain} data-testid="revoked-pair-again">
        {locales.ja.revoked.pairAgain} / {locales.en.revoked.pairAgain}
      </button>
    </div>
  );
}
