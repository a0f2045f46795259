import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/ApiMessage';
import { ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { useApiClient } from '../../lib/api-context';
import { getTenantSettings, saveIpAllowlist } from './api';

/** Tenant settings for the owner: the optional IP allowlist of the admin app. */
export function SettingsPage() {
  const { t } = useTranslation();
  const client = useApiClient();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['tenant-settings'], queryFn: () => getTenantSettings(client) });
  const save = useMutation({
    mutationFn: (list: string[]) => saveIpAllowlist(client, list),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tenant-settings'] }),
  });
  const [text, setText] = useState('');

  useEffect(() => {
    if (settings.data) setText(settings.data.ipAllowlist.join('\n'));
  }, [settings.data]);

  function submit(event: FormEvent) {
    event.preventDefault();
    // One item per line, blank lines included, so that the API's errors name the line numbers shown to the owner.
    save.mutate(text.split(/\r?\n/));
  }

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      {settings.isPending && <LoadingMessage />}
      {settings.isError && <ErrorMessage error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && (
        <form className="card form" onSubmit={submit} data-testid="allowlist-form">
          <h2>{t('settings.allowlist')}</h2>
          <p>{t('settings.allowlistHelp')}</p>
          <p className="muted" data-testid="allowlist-state">
            {settings.data.ipAllowlist.length === 0 ? t('settings.allowlistOff') : t('settings.allowlistOn', { count: settings.data.ipAllowlist.length })}
          </p>
          <p className="muted">{t('settings.yourAddress', { ip: settings.data.callerIp ?? '—' })}</p>
          <label className="field">
            <span>{t('settings.networks')}</span>
            <textarea rows={5} value={text} onChange={(event) => setText(event.target.value)} placeholder="203.0.113.0/24" data-testid="allowlist-input" />
          </label>
          {save.isError && <FormError error={save.error} />}
          {save.isSuccess && (
            <p className="status status-done" role="status">
              {t('settings.saved')}
            </p>
          )}
          <button type="submit" className="button primary" disabled={save.isPending} data-testid="allowlist-save">
            {t('settings.save')}
          </button>
        </form>
      )}
    </section>
  );
}
