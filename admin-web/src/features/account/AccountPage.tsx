import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { finishTotpSetup, isTotpEnabled, startTotpSetup } from '../auth/session';
import { signInErrorKey } from '../auth/sign-in-errors';
import { useApiClient } from '../../lib/api-context';
import { recordMfa } from '../me/api';
import { useOperator } from '../me/queries';

/** The signed-in user's own account: two-factor authentication with an authenticator app (TOTP). */
export function AccountPage() {
  const { t } = useTranslation();
  const operator = useOperator();
  const queryClient = useQueryClient();
  const client = useApiClient();
  const totp = useQuery({ queryKey: ['totp-enabled'], queryFn: isTotpEnabled });
  const start = useMutation({ mutationFn: () => startTotpSetup(operator.data?.email ?? 'OPEN SESAME!') });
  const finish = useMutation({
    mutationFn: async (code: string) => {
      await finishTotpSetup(code);
      await recordMfa(client);
    },
    onSuccess: async () => {
      start.reset();
      await queryClient.invalidateQueries({ queryKey: ['totp-enabled'] });
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const [code, setCode] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    finish.mutate(code.trim());
  }

  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">{t('account.title')}</h1>
      {operator.data?.mfaSetupRequired && (
        <p className="status status-error" role="alert" data-testid="mfa-required">
          {t('account.mfaRequired')}
        </p>
      )}
      <div className="card form">
        <h2>{t('account.totp')}</h2>
        <p>{t('account.totpHelp')}</p>
        {totp.isPending && <LoadingMessage />}
        {totp.isError && <ErrorMessage error={totp.error} onRetry={() => void totp.refetch()} />}
        {totp.data === true && (
          <p className="status status-done" data-testid="totp-enabled">
            {t('account.totpOn')}
          </p>
        )}
        {totp.data === false && !start.data && (
          <>
            <p className="muted" data-testid="totp-disabled">
              {t('account.totpOff')}
            </p>
            <button type="button" className="button primary" disabled={start.isPending} onClick={() => start.mutate()} data-testid="totp-start">
              {t('account.totpStart')}
            </button>
          </>
        )}
        {start.isError && <p className="status status-error">{t('account.totpFailed')}</p>}
        {start.data && (
          <form className="form" onSubmit={submit}>
            <p>{t('account.totpScan')}</p>
            <p>
              {t('account.totpSecret')} <code data-testid="totp-secret">{start.data.secret}</code>
            </p>
            <p className="muted">
              <a href={start.data.uri}>{t('account.totpOpenApp')}</a>
            </p>
            <label className="field">
              <span>{t('auth.totp.code')}</span>
              <input inputMode="numeric" autoComplete="one-time-code" required value={code} onChange={(event) => setCode(event.target.value)} data-testid="totp-setup-code" />
            </label>
            {finish.isError && (
              <p className="status status-error" role="alert" data-testid="totp-setup-error">
                {t(signInErrorKey(finish.error, 'totp'))}
              </p>
            )}
            <button type="submit" className="button primary" disabled={finish.isPending} data-testid="totp-verify">
              {t('account.totpVerify')}
            </button>
          </form>
        )}
      </div>
    </section>
  );
}
