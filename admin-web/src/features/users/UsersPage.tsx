import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldHint, FormError, useFieldErrors } from '../../components/ApiMessage';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { useOperator } from '../me/queries';
import type { Office } from '../offices/api';
import { useOffices } from '../offices/queries';
import { grantablePermissions, roleSchema, type InviteInput, type Role, type User } from './api';
import { useInviteUser, useUpdateUser, useUsers } from './queries';

/** The owner's user administration: invite by email, change role, offices and grants, disable. */
export function UsersPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const offices = useOffices();

  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t('users.title')}</h1>
      {offices.data && <InviteForm offices={offices.data} />}
      {(users.isPending || offices.isPending) && <LoadingMessage />}
      {users.isError && <ErrorMessage error={users.error} onRetry={() => void users.refetch()} />}
      {users.data?.length === 0 && <EmptyMessage text={t('users.empty')} />}
      {users.data && offices.data && users.data.length > 0 && (
        <ul className="facility-list">
          {users.data.map((user) => (
            <UserRow key={user.userId} user={user} offices={offices.data} />
          ))}
        </ul>
      )}
    </section>
  );
}

function InviteForm({ offices }: { offices: Office[] }) {
  const { t } = useTranslation();
  const invite = useInviteUser();
  // No office is chosen in advance: a tick left by mistake would give the user that office's guest data.
  const empty: InviteInput = { email: '', displayName: '', role: 'staff', officeIds: [], grants: [] };
  const [input, setInput] = useState<InviteInput>(empty);
  const errors = useFieldErrors(invite.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    invite.mutate({ ...input, officeIds: input.role === 'owner' ? [] : input.officeIds, grants: input.role === 'staff' ? input.grants : [] }, { onSuccess: () => setInput(empty) });
  }

  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="invite-form">
      <h2>{t('users.invite')}</h2>
      {invite.isError && <FormError error={invite.error} />}
      {invite.isSuccess && (
        <p className="status status-done" role="status" data-testid="invite-sent">
          {t('users.inviteSent', { email: invite.data.email })}
        </p>
      )}
      <label className="field">
        <span>{t('users.email')}</span>
        <input type="email" value={input.email} onChange={(event) => setInput({ ...input, email: event.target.value })} required autoComplete="off" data-testid="invite-email" />
        <FieldHint text={errors.email} id="email-error" />
      </label>
      <label className="field">
        <span>{t('users.displayName')}</span>
        <input value={input.displayName} onChange={(event) => setInput({ ...input, displayName: event.target.value })} autoComplete="off" data-testid="invite-name" />
      </label>
      <RoleFields value={input} offices={offices} onChange={(changes) => setInput({ ...input, ...changes })} errors={errors} />
      <button type="submit" className="button primary" disabled={invite.isPending} data-testid="invite-submit">
        {invite.isPending ? t('users.inviting') : t('users.sendInvite')}
      </button>
    </form>
  );
}

function RoleFields({
  value,
  offices,
  onChange,
  errors,
}: {
  value: { role: Role; officeIds: string[]; grants: string[] };
  offices: Office[];
  onChange: (changes: { role?: Role; officeIds?: string[]; grants?: string[] }) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const toggle = (list: string[], item: string) => (list.includes(item) ? list.filter((entry) => entry !== item) : [...list, item]);
  return (
    <>
      <label className="field">
        <span>{t('users.role')}</span>
        <select value={value.role} onChange={(event) => onChange({ role: event.target.value as Role })} data-testid="user-role">
          {roleSchema.options.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
        <span className="muted">{t(`users.roleHelp.${value.role}`)}</span>
      </label>
      {value.role !== 'owner' && (
        <fieldset className="field-group">
          <legend>{t('users.offices')}</legend>
          {offices.map((office) => (
            <label key={office.officeId} className="check">
              <input
                type="checkbox"
                checked={value.officeIds.includes(office.officeId)}
                onChange={() => onChange({ officeIds: toggle(value.officeIds, office.officeId) })}
                data-testid={`user-office-${office.officeId}`}
              />
              {office.name}
            </label>
          ))}
          <FieldHint text={errors.officeIds} id="officeIds-error" />
        </fieldset>
      )}
      {value.role === 'staff' && (
        <fieldset className="field-group">
          <legend>{t('users.grants')}</legend>
          {grantablePermissions.map((permission) => (
            <label key={permission} className="check">
              <input type="checkbox" checked={value.grants.includes(permission)} onChange={() => onChange({ grants: toggle(value.grants, permission) })} />
              {t(`users.grantNames.${permission}`)}
            </label>
          ))}
        </fieldset>
      )}
    </>
  );
}

function UserRow({ user, offices }: { user: User; offices: Office[] }) {
  const { t } = useTranslation();
  const operator = useOperator();
  const update = useUpdateUser();
  const [editing, setEditing] = useState<{ role: Role; officeIds: string[]; grants: string[] } | null>(null);
  const errors = useFieldErrors(update.error);
  const isSelf = operator.data?.userId === user.userId;
  const officeNames = user.officeIds.map((officeId) => offices.find((office) => office.officeId === officeId)?.name ?? officeId);

  return (
    <li className="card facility-row" data-testid="user-row" data-user-id={user.userId}>
      <div className="facility-summary">
        <span className="facility-name">
          {user.displayName ?? user.email}
          {user.status === 'disabled' && <span className="badge">{t('users.disabled')}</span>}
        </span>
        <span className="muted">{user.email}</span>
        <span className="muted" data-testid="user-role-label">
          {t(`roles.${user.role}`)}
          {user.role !== 'owner' && ` · ${officeNames.join('、')}`}
          {user.grants.length > 0 && ` · ${user.grants.map((grant) => t(`users.grantNames.${grant}`)).join('、')}`}
        </span>
        {update.isError && <FormError error={update.error} />}
        {editing && (
          <form
            className="form"
            onSubmit={(event) => {
              event.preventDefault();
              update.mutate({ userId: user.userId, changes: editing }, { onSuccess: () => setEditing(null) });
            }}
          >
            <RoleFields value={editing} offices={offices} onChange={(changes) => setEditing({ ...editing, ...changes })} errors={errors} />
            <div className="actions">
              <button type="button" className="button secondary" onClick={() => setEditing(null)}>
                {t('offices.cancel')}
              </button>
              <button type="submit" className="button primary" disabled={update.isPending}>
                {t('offices.save')}
              </button>
            </div>
          </form>
        )}
      </div>
      {!isSelf && !editing && (
        <div className="row-actions">
          <button type="button" className="button secondary" onClick={() => setEditing({ role: user.role, officeIds: user.officeIds, grants: user.grants })} data-testid="user-edit">
            {t('users.change')}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={update.isPending}
            onClick={() => update.mutate({ userId: user.userId, changes: { status: user.status === 'active' ? 'disabled' : 'active' } })}
            data-testid="user-toggle"
          >
            {user.status === 'active' ? t('users.disable') : t('users.enable')}
          </button>
        </div>
      )}
    </li>
  );
}
