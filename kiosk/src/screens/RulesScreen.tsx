import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkInSubmitMark } from '../check-in/save-timing';
import type { HouseRulesText } from '../device/facility-settings';

interface RulesScreenProps {
  /** The operator's house rules in the guest's language or English; undefined shows the general rules. */
  houseRules: HouseRulesText | undefined;
  /** Seals and saves the check-in; rejects when it could not be saved. */
  onConsent: (acceptedAt: Date) => Promise<void>;
  onBack: () => void;
}

const generalRuleKeys = ['smoking', 'quietHours', 'garbage', 'occupancy'] as const;

/** House rules and the guest's consent, recorded with its time and language. */
export function RulesScreen({ houseRules, onConsent, onBack }: RulesScreenProps) {
  const { t, i18n } = useTranslation();
  const [accepted, setAccepted] = useState(false);
  const [errorKey, setErrorKey] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  // Set synchronously on the first submit, because `submitting` disables the button only after a
  // re-render. Submit events queued before that would each create another check-in.
  const submittingRef = useRef(false);
  const fellBack = houseRules !== undefined && houseRules.language !== i18n.language;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (submittingRef.current) return;
    if (!accepted) {
      setErrorKey('validation.consentRequired');
      return;
    }
    // User Timing mark; the sync module measures from here to the local save (bench/kiosk.ts reads it).
    performance.mark(checkInSubmitMark);
    submittingRef.current = true;
    setSubmitting(true);
    setErrorKey(undefined);
    try {
      await onConsent(new Date());
    } catch {
      setErrorKey('rules.submitFailed');
      submittingRef.current = false;
      setSubmitting(false);
    }
  }

  return (
    <form className="screen" onSubmit={(event) => void submit(event)} data-testid="rules-screen">
      <h1>{t('rules.title')}</h1>
      {fellBack && (
        <p className="hint" data-testid="house-rules-fallback">
          {t('rules.fallbackNotice')}
        </p>
      )}
      {houseRules ? (
        <div
          className="house-rules operator-rules"
          lang={houseRules.language}
          data-testid="house-rules"
          data-language={houseRules.language}
        >
          {houseRules.text}
        </div>
      ) : (
        <div className="house-rules" data-testid="house-rules" data-language="general">
          <h2>{t('rules.generalRules')}</h2>
          <ul>
            {generalRuleKeys.map((key) => (
              <li key={key}>{t(`rules.items.${key}`)}</li>
            ))}
          </ul>
        </div>
      )}
      <label className="consent">
        <input
          type="checkbox"
          checked={accepted}
          onChange={(event) => setAccepted(event.target.checked)}
          data-testid="consent-checkbox"
        />
        <span>{t('rules.consent')}</span>
      </label>
      <p className="hint">{t('rules.consentNote')}</p>
      <p className="field-error" role="alert" data-testid="consent-error">
        {errorKey ? t(errorKey) : ''}
      </p>
      <div className="button-row">
        <button type="button" onClick={onBack} disabled={submitting} data-testid="rules-back">
          {t('common.back')}
        </button>
        <button type="submit" className="primary" disabled={submitting} data-testid="consent-submit">
          {submitting ? t('rules.submitting') : t('rules.submit')}
        </button>
      </div>
    </form>
  );
}
