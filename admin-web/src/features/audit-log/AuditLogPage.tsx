import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { formatDateTime } from '../../i18n/format';
import type { AuditQuery, AuditRecord } from './api';
import { useAuditRecords } from './queries';

type Filters = Omit<AuditQuery, 'cursor'>;

/** Lists who decrypted or exported guest data, filtered by user and period. Owners only. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filters>({ userId: '', from: '', to: '' });
  const [applied, setApplied] = useState<Filters>({ userId: '', from: '', to: '' });
  const [rangeInvalid, setRangeInvalid] = useState(false);
  const records = useAuditRecords(applied);

  function search(event: FormEvent) {
    event.preventDefault();
    const invalid = Boolean(draft.from && draft.to && draft.from > draft.to);
    setRangeInvalid(invalid);
    if (!invalid) setApplied({ userId: draft.userId?.trim(), from: draft.from, to: draft.to });
  }

  const rows = records.data?.pages.flatMap((page) => page.records) ?? [];

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p className="muted">{t('audit.description')}</p>

      <form className="card register-filters" onSubmit={search} aria-label={t('audit.filters')}>
        <label className="field">
          <span>{t('audit.user')}</span>
          <input value={draft.userId} onChange={(event) => setDraft({ ...draft, userId: event.target.value })} data-testid="audit-user" />
        </label>
        <label className="field">
          <span>{t('audit.from')}</span>
          <input type="date" value={draft.from} onChange={(event) => setDraft({ ...draft, from: event.target.value })} data-testid="audit-from" />
        </label>
        <label className="field">
          <span>{t('audit.to')}</span>
          <input type="date" value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.target.value })} data-testid="audit-to" />
        </label>
        <button type="submit" className="button primary" data-testid="audit-search">
          {t('audit.search')}
        </button>
      </form>
      {rangeInvalid && (
        <p className="status status-error" role="alert">
          {t('register.invalidRange')}
        </p>
      )}

      {records.isPending && <LoadingMessage />}
      {records.isError && <ErrorMessage error={records.error} onRetry={() => void records.refetch()} />}
      {records.isSuccess && rows.length === 0 && <EmptyMessage text={t('audit.empty')} testId="audit-empty" />}

      {rows.length > 0 && (
        <table className="audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.user')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.resource')}</th>
              <th scope="col">{t('audit.entries')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((record) => (
              <AuditRow key={record.auditId} record={record} />
            ))}
          </tbody>
        </table>
      )}

      <LoadMoreButton pages={records} testId="audit-load-more" />
    </section>
  );
}

function AuditRow({ record }: { record: AuditRecord }) {
  const { t, i18n } = useTranslation();
  return (
    <tr data-testid="audit-row" data-audit-id={record.auditId}>
      <td data-testid="audit-row-at">{formatDateTime(record.at, i18n.language)}</td>
      <td data-testid="audit-row-user">{record.userId}</td>
      <td data-testid="audit-row-action">
        {t(`audit.actions.${record.action}`)}
        {record.disclosure === 'masked' && <span className="muted"> ({t('audit.masked')})</span>}
      </td>
      <td>{t(`audit.resources.${record.resource}`, { defaultValue: record.resource })}</td>
      <td data-testid="audit-row-entries">{t('audit.entryCount', { count: record.entryIds.length })}</td>
    </tr>
  );
}
