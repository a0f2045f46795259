import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { completeNewPassword, type SignInResult } from './session';
import { useAuthSubmit } from './use-auth-submit';

/** Form for Cognito's NEW_PASSWORD_REQUIRED challenge on an invited user's first sign-in. */
export function NewPasswordForm({ onResult }: { onResult: (result: SignInResult) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const { submitting, errorKey, submitWith } = useAuthSubmit('newPassword');
  const submit = submitWith(
    async () => onResult(await completeNewPassword(password)),
    () => (password !== confirmation ? 'auth.passwordsDiffer' : null),
  );

  return (
    <form className="card auth-form" onSubmit={submit} data-testid="new-password-form">
      <h1>{t('auth.newPasswordTitle')}</h1>
      <p>{t('auth.newPasswordIntro')}</p>
      <label className="field">
        <span>{t('auth.newPassword')}</span>
        <input
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          data-testid="new-password"
        />
      </label>
      <label className="field">
        <span>{t('auth.confirmPassword')}</span>
        <input
          type="password"
          name="confirm-password"
          autoComplete="new-password"
          required
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
          data-testid="new-password-confirm"
        />
      </label>
      {errorKey && (
        <p className="status status-error" role="alert" data-testid="new-password-error">
          {t(errorKey)}
        </p>
      )}
      <button type="submit" className="button primary" disabled={submitting} data-testid="new-password-submit">
        {t('auth.setPassword')}
      </button>
    </form>
  );
}
