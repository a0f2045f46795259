import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmPasswordReset, requestPasswordReset } from './session';
import { useAuthSubmit } from './use-auth-submit';

/**
 * Resets a forgotten password in two steps: Cognito mails a code to the address, then the user
 * enters the code and a new password. `onDone` returns to the sign-in form.
 */
export function ForgotPasswordForm({ onDone }: { onDone: (reset: boolean) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [codeSent, setCodeSent] = useState(false);
  const { submitting, errorKey, submitWith } = useAuthSubmit('resetPassword');
  const submit = submitWith(
    async () => {
      if (!codeSent) {
        await requestPasswordReset(email.trim());
        setCodeSent(true);
      } else {
        await confirmPasswordReset(email.trim(), code.trim(), password);
        onDone(true);
      }
    },
    () => (codeSent && password !== confirmation ? 'auth.passwordsDiffer' : null),
  );

  return (
    <form className="card auth-form" onSubmit={submit} data-testid="forgot-form">
      <h1>{t('auth.forgot.title')}</h1>
      <p>{codeSent ? t('auth.forgot.codeSent') : t('auth.forgot.intro')}</p>
      <label className="field">
        <span>{t('auth.email')}</span>
        <input type="email" autoComplete="username" required readOnly={codeSent} value={email} onChange={(event) => setEmail(event.target.value)} data-testid="forgot-email" />
      </label>
      {codeSent && (
        <>
          <label className="field">
            <span>{t('auth.forgot.code')}</span>
            <input inputMode="numeric" autoComplete="one-time-code" required value={code} onChange={(event) => setCode(event.target.value)} data-testid="forgot-code" />
          </label>
          <label className="field">
            <span>{t('auth.newPassword')}</span>
            <input type="password" autoComplete="new-password" required value={password} onChange={(event) => setPassword(event.target.value)} data-testid="forgot-password" />
          </label>
          <label className="field">
            <span>{t('auth.confirmPassword')}</span>
            <input type="password" autoComplete="new-password" required value={confirmation} onChange={(event) => setConfirmation(event.target.value)} data-testid="forgot-password-confirm" />
          </label>
        </>
      )}
      {errorKey && (
        <p className="status status-error" role="alert" data-testid="forgot-error">
          {t(errorKey)}
        </p>
      )}
      <button type="submit" className="button primary" disabled={submitting} data-testid="forgot-submit">
        {codeSent ? t('auth.setPassword') : t('auth.forgot.sendCode')}
      </button>
      <button type="button" className="button secondary" onClick={() => onDone(false)}>
        {t('auth.forgot.back')}
      </button>
    </form>
  );
}
