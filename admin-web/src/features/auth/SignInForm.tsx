import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signInOperator, type SignInResult } from './session';
import { useAuthSubmit } from './use-auth-submit';

export function SignInForm({ onResult, onForgotPassword }: { onResult: (result: SignInResult) => void; onForgotPassword: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { submitting, errorKey, submitWith } = useAuthSubmit('signIn');
  const submit = submitWith(
    async () => onResult(await signInOperator(email.trim(), password)),
  );

  return (
    <form className="card auth-form" onSubmit={submit} data-testid="sign-in-form">
      <h1>{t('auth.title')}</h1>
      <label className="field">
        <span>{t('auth.email')}</span>
        <input
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          data-testid="sign-in-email"
        />
      </label>
      <label className="field">
        <span>{t('auth.password')}</span>
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          data-testid="sign-in-password"
        />
      </label>
      {errorKey && (
        <p className="status status-error" role="alert" data-testid="sign-in-error">
          {t(errorKey)}
        </p>
      )}
      <button type="submit" className="button primary" disabled={submitting} data-testid="sign-in-submit">
        {submitting ? t('auth.submitting') : t('auth.submit')}
      </button>
      <button type="button" className="button secondary" onClick={onForgotPassword} data-testid="sign-in-forgot">
        {t('auth.forgot.link')}
      </button>
    </form>
  );
}
