import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmTotpSignIn, type SignInResult } from './session';
import { useAuthSubmit } from './use-auth-submit';

/** Second sign-in step for users with two-factor authentication: the authenticator app's code. */
export function TotpSignInForm({ onResult }: { onResult: (result: SignInResult) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const { submitting, errorKey, submitWith } = useAuthSubmit('totp');
  const submit = submitWith(
    async () => onResult(await confirmTotpSignIn(code.trim())),
  );

  return (
    <form className="card auth-form" onSubmit={submit} data-testid="totp-form">
      <h1>{t('auth.totp.title')}</h1>
      <p>{t('auth.totp.intro')}</p>
      <label className="field">
        <span>{t('auth.totp.code')}</span>
        <input inputMode="numeric" autoComplete="one-time-code" required value={code} onChange={(event) => setCode(event.target.value)} data-testid="totp-code" />
      </label>
      {errorKey && (
        <p className="status status-error" role="alert" data-testid="totp-error">
          {t(errorKey)}
        </p>
      )}
      <button type="submit" className="button primary" disabled={submitting} data-testid="totp-submit">
        {t('auth.submit')}
      </button>
    </form>
  );
}
