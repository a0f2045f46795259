import { useTranslation } from 'react-i18next';
import { guestLanguages, type GuestLanguage } from '../i18n/locales';

interface RevokedScreenProps {
  /** The language on screen when the device was revoked; unknown tags fall back to Japanese. */
  language: GuestLanguage;
  /** Check-ins still stored on the device, or undefined before the sync module has counted them. */
  pendingCount: number | undefined;
  onPairAgain: () => void;
}

/**
 * Tells staff that the operator revoked this device and that it must be paired again, and how
 * many check-ins still wait on it. The text is shown in the language on screen, then in
 * Japanese and English for staff.
 */
export function RevokedScreen({ language, pendingCount, onPairAgain }: RevokedScreenProps) {
  const { i18n } = useTranslation();
  const current: GuestLanguage = guestLanguages.includes(language) ? language : 'ja';
  const languages = [...new Set<GuestLanguage>([current, 'ja', 'en'])];
  const translators = languages.map((tag) => ({ tag, t: i18n.getFixedT(tag) }));
  return (
    <div className="screen" role="alert" data-testid="revoked-screen">
      {translators.map(({ tag, t }, index) => (
        <section key={tag} lang={tag}>
          <h1>{t('revoked.title')}</h1>
          <p>{t('revoked.body')}</p>
          {pendingCount !== undefined && pendingCount > 0 && (
            <p data-testid={index === 0 ? 'revoked-pending' : undefined} data-count={index === 0 ? pendingCount : undefined}>
              {t('revoked.pending', { count: pendingCount })}
            </p>
          )}
        </section>
      ))}
      <button type="button" className="primary" onClick={onPairAgain} data-testid="revoked-pair-again">
        {translators.map(({ t }) => t('revoked.pairAgain')).join(' / ')}
      </button>
    </div>
  );
}
