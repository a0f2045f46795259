import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldHint, useFieldErrors } from '../../components/ApiMessage';
import { DateField } from '../../components/DateField';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { formatDateTime } from '../../i18n/format';
import { useUsers } from '../users/queries';
import type { AuditQuery, AuditRecord, DeletionRecord } from './api';
import { useAuditRecords } from './queries';

type Filters = Omit<AuditQuery, 'cursor'>;

/** Lists who decrypted or exported guest data, filtered by user and period. Owners only. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filters>({ userId: '', from: '', to: '' });
  const [applied, setApplied] = useState<Filters>({ userId: '', from: '', to: '' });
  const [rangeInvalid, setRangeInvalid] = useState(false);
  const records = useAuditRecords(applied);
  const errors = useFieldErrors(records.error);

  function search(event: FormEvent) {
    event.preventDefault();
    const invalid = Boolean(draft.from && draft.to && draft.from > draft.to);
    setRangeInvalid(invalid);
    if (!invalid) setApplied({ userId: draft.userId, from: draft.from, to: draft.to });
  }

  const rows = records.data?.pages.flatMap((page) => page.records) ?? [];

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p className="muted">{t('audit.description')}</p>

      <form className="card register-filters" onSubmit={search} aria-label={t('audit.filters')}>
        <label className="field">
          <span>{t('audit.user')}</span>
          <UserSelect value={draft.userId ?? ''} rows={rows} onChange={(userId) => setDraft({ ...draft, userId })} />
          <FieldHint text={errors.userId} id="audit-user-error" />
        </label>
        <DateField label={t('audit.from')} value={draft.from ?? ''} onChange={(from) => setDraft({ ...draft, from })} error={errors.from} testId="audit-from" />
        <DateField label={t('audit.to')} value={draft.to ?? ''} onChange={(to) => setDraft({ ...draft, to })} error={errors.to} testId="audit-to" />
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
        <div className="table-scroll">
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
        </div>
      )}

      <LoadMoreButton pages={records} testId="audit-load-more" />
    </section>
  );
}

/**
 * Offers every user of the tenant by name, and the ids of the listed records whose user the
 * Directory no longer has. Without the user list (a failed request) only those ids are offered.
 */
function UserSelect({ value, rows, onChange }: { value: string; rows: readonly AuditRecord[]; onChange: (userId: string) => void }) {
  const { t } = useTranslation();
  const users = useUsers();
  const known = users.data ?? [];
  const knownIds = new Set(known.map((user) => user.userId));
  const unknownIds = [...new Set(rows.flatMap((row) => (row.category !== 'data-deletion' && row.user === null ? [row.userId] : [])))].filter(
    (userId) => !knownIds.has(userId),
  );

  return (
    <select value={value} onChange={(event) => onChange(event.target.value)} data-testid="audit-user">
      <option value="">{t('audit.allUsers')}</option>
      {known.map((user) => (
        <option key={user.userId} value={user.userId}>
          {user.displayName ? `${user.displayName} (${user.email})` : user.email}
        </option>
      ))}
      {unknownIds.map((userId) => (
        <option key={userId} value={userId}>
          {t('audit.unknownUser')} ({userId})
        </option>
      ))}
    </select>
  );
}

function AuditRow({ record }: { record: AuditRecord }) {
  const { t, i18n } = useTranslation();
  if (record.category === 'data-deletion') return <DeletionRow record={record} />;
  return (
    <tr data-testid="audit-row" data-audit-id={record.auditId}>
      <td className="audit-at" data-testid="audit-row-at">{formatDateTime(record.at, i18n.language)}</td>
      <td data-testid="audit-row-user" data-user-id={record.userId} title={record.userId}>
        <AuditUser record={record} />
      </td>
      {record.category === 'pii-access' ? (
        <>
          <td data-testid="audit-row-action">
            {t(`audit.actions.${record.action}`)}
            {record.disclosure && <span className="muted"> ({t(`audit.disclosures.${record.disclosure}`)})</span>}
          </td>
          <td data-testid="audit-row-resource">{t(`audit.resources.${record.resource}`, { defaultValue: record.resource })}</td>
          <td data-testid="audit-row-entries">{t('audit.entryCount', { count: record.entryIds.length })}</td>
        </>
      ) : (
        <>
          <td data-testid="audit-row-action">{t(`audit.adminActions.${record.action}`, { defaultValue: record.action })}</td>
          <td data-testid="audit-row-resource">
            {t(`audit.targetTypes.${record.targetType}`, { defaultValue: record.targetType })}
            <TargetIds ids={record.targetIds} names={record.targetNames} />
          </td>
          <td data-testid="audit-row-entries">{t('audit.targetCount', { count: record.targetIds.length })}</td>
        </>
      )}
    </tr>
  );
}

/**
 * Maximum target ids an admin-change row lists before it counts the rest, because an import may
 * touch hundreds. The API names as many (`namedTargetCount` in list-audit-records.ts).
 */
const listedTargetIdCount = 3;

/**
 * Lists the ids of the records an admin change targeted, each after its current name when the API
 * found one, so that an auditor can tell which device or office it was. Records store ids only,
 * so a renamed target shows its new name and a deleted one its id alone.
 */
function TargetIds({ ids, names }: { ids: readonly string[]; names: Readonly<Record<string, string>> }) {
  const { t } = useTranslation();
  if (ids.length === 0) return null;
  const listed = ids.slice(0, listedTargetIdCount);
  const restCount = ids.length - listed.length;
  return (
    <span className="audit-target-ids">
      {listed.map((id) => (
        <span key={id}>
          {names[id] !== undefined && (
            <>
              <span data-testid="audit-row-target-name">{names[id]}</span>{' '}
            </>
          )}
          <code data-testid="audit-row-target-id">{id}</code>
        </span>
      ))}
      {restCount > 0 && <span className="muted">{t('audit.moreTargets', { count: restCount })}</span>}
    </span>
  );
}

/** Renders a deletion by the retention job or by offboarding, with its actor in the user column. */
function DeletionRow({ record }: { record: DeletionRecord }) {
  const { t, i18n } = useTranslation();
  const platformOperator = record.actor.startsWith('platform:') ? record.actor.slice('platform:'.length) : undefined;
  return (
    <tr data-testid="audit-row" data-audit-id={record.auditId}>
      <td className="audit-at" data-testid="audit-row-at">{formatDateTime(record.at, i18n.language)}</td>
      <td data-testid="audit-row-user" title={record.actor}>
        {platformOperator === undefined ? t('audit.actors.retentionJob') : t('audit.actors.platform', { name: platformOperator })}
      </td>
      <td data-testid="audit-row-action">
        {t(`audit.deletionActions.${record.action}`, { defaultValue: record.action })}
        {record.phase && <span className="muted"> ({t(`audit.offboardingPhases.${record.phase}`, { defaultValue: record.phase })})</span>}
      </td>
      <td data-testid="audit-row-resource">{t(`audit.deletionTargets.${record.action}`, { defaultValue: record.action })}</td>
      <td data-testid="audit-row-entries">{record.entryIds.length > 0 ? t('audit.entryCount', { count: record.entryIds.length }) : '—'}</td>
    </tr>
  );
}

/** Shows the user's display name and email, or "unknown user" and the id when the Directory has no record. */
function AuditUser({ record }: { record: Exclude<AuditRecord, DeletionRecord> }) {
  const { t } = useTranslation();
  if (record.user === null) {
    return (
      <>
        <span data-testid="audit-row-user-name">{t('audit.unknownUser')}</span> <span className="muted">{record.userId}</span>
      </>
    );
  }
  return (
    <>
      <span data-testid="audit-row-user-name">{record.user.displayName ?? record.user.email}</span>
      {record.user.displayName && <span className="muted"> {record.user.email}</span>}
    </>
  );
}
