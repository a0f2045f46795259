import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/ApiMessage';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { useCan } from '../me/permissions';
import { useOffices, useSaveOffice } from './queries';

/** Offices (拠点) of the tenant; the owner adds and renames them. */
export function OfficesPage() {
  const { t } = useTranslation();
  const offices = useOffices();
  const save = useSaveOffice();
  const canManage = useCan('user:manage');
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<{ officeId: string; name: string } | null>(null);

  function create(event: FormEvent) {
    event.preventDefault();
    save.mutate({ name }, { onSuccess: () => setName('') });
  }

  function rename(event: FormEvent) {
    event.preventDefault();
    if (editing) save.mutate(editing, { onSuccess: () => setEditing(null) });
  }

  return (
    <section aria-labelledby="offices-title">
      <h1 id="offices-title">{t('offices.title')}</h1>
      {canManage && (
        <form className="card form inline-form" onSubmit={create} data-testid="office-form">
          <label className="field">
            <span>{t('offices.name')}</span>
            <input value={name} onChange={(event) => setName(event.target.value)} required data-testid="office-name" />
          </label>
          <button type="submit" className="button primary" disabled={save.isPending} data-testid="office-create">
            {t('offices.create')}
          </button>
        </form>
      )}
      {save.isError && <FormError error={save.error} />}
      {offices.isPending && <LoadingMessage />}
      {offices.isError && <ErrorMessage error={offices.error} onRetry={() => void offices.refetch()} />}
      {offices.data?.length === 0 && <EmptyMessage text={t('offices.empty')} />}
      {offices.data && offices.data.length > 0 && (
        <ul className="facility-list">
          {offices.data.map((office) => (
            <li key={office.officeId} className="card facility-row" data-testid="office-row" data-office-id={office.officeId}>
              {editing?.officeId === office.officeId ? (
                <form className="inline-form" onSubmit={rename}>
                  <input value={editing.name} onChange={(event) => setEditing({ ...editing, name: event.target.value })} aria-label={t('offices.name')} required />
                  <button type="submit" className="button primary" disabled={save.isPending}>
                    {t('offices.save')}
                  </button>
                  <button type="button" className="button secondary" onClick={() => setEditing(null)}>
                    {t('offices.cancel')}
                  </button>
                </form>
              ) : (
                <>
                  <span className="facility-name">{office.name}</span>
                  {canManage && (
                    <button type="button" className="button secondary" onClick={() => setEditing({ officeId: office.officeId, name: office.name })}>
                      {t('offices.rename')}
                    </button>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
