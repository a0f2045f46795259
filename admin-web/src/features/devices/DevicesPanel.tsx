import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/ApiMessage';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { formatDateTime } from '../../i18n/format';
import type { Device } from './api';
import { useDevices, useRenameDevice, useRevokeDevice } from './queries';

/** Lists the kiosks of one facility with their last report, and offers rename and revoke. */
export function DevicesPanel({ facilityId }: { facilityId: string }) {
  const { t } = useTranslation();
  const devices = useDevices(facilityId);

  return (
    <section className="devices-panel" aria-label={t('devices.title')} data-testid="devices-panel">
      <h2>{t('devices.title')}</h2>
      {devices.isPending && <LoadingMessage />}
      {devices.isError && <ErrorMessage error={devices.error} onRetry={() => void devices.refetch()} />}
      {devices.data?.length === 0 && <EmptyMessage text={t('devices.empty')} testId="devices-empty" />}
      {devices.data && devices.data.length > 0 && (
        <div className="table-scroll">
          <table className="devices-table">
            <thead>
              <tr>
                <th>{t('devices.name')}</th>
                <th>{t('devices.state')}</th>
                <th>{t('devices.pairedAt')}</th>
                <th>{t('devices.lastSeenAt')}</th>
                <th>{t('devices.appVersion')}</th>
                <th>{t('devices.pendingCount')}</th>
                <th>
                  <span className="visually-hidden">{t('devices.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {devices.data.map((device) => (
                <DeviceRow key={device.deviceId} facilityId={facilityId} device={device} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DeviceRow({ facilityId, device }: { facilityId: string; device: Device }) {
  const { t, i18n } = useTranslation();
  const rename = useRenameDevice(facilityId);
  const revoke = useRevokeDevice(facilityId);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(device.name);
  const [confirmingRevoke, setConfirmingRevoke] = useState(false);
  const revoked = device.status === 'revoked';

  function saveName(event: React.FormEvent) {
    event.preventDefault();
    rename.mutate({ deviceId: device.deviceId, name }, { onSuccess: () => setEditing(false) });
  }

  let state: 'revoked' | 'online' | 'offline' = device.online ? 'online' : 'offline';
  if (revoked) state = 'revoked';

  return (
    <tr data-testid="device-row" data-device-id={device.deviceId} data-status={device.status}>
      <td>
        {editing ? (
          <form onSubmit={saveName} className="inline-form">
            <label className="visually-hidden" htmlFor={`device-name-${device.deviceId}`}>
              {t('devices.name')}
            </label>
            <input
              id={`device-name-${device.deviceId}`}
              value={name}
              maxLength={50}
              onChange={(event) => setName(event.target.value)}
              data-testid="device-rename-input"
            />
            <button type="submit" className="button primary" disabled={rename.isPending} data-testid="device-rename-save">
              {t('devices.save')}
            </button>
            <button type="button" className="button secondary" onClick={() => setEditing(false)}>
              {t('devices.cancel')}
            </button>
            {rename.isError && <FormError error={rename.error} />}
          </form>
        ) : (
          <span data-testid="device-name">{device.name}</span>
        )}
      </td>
      <td>
        <span className={`badge badge-${state}`} data-testid="device-online" data-online={device.online} data-state={state}>
          {t(`devices.states.${state}`)}
        </span>
      </td>
      <td data-testid="device-paired-at">{formatDateTime(device.pairedAt, i18n.language)}</td>
      <td data-testid="device-last-seen">
        {device.lastSeenAt ? formatDateTime(device.lastSeenAt, i18n.language) : t('devices.never')}
      </td>
      <td data-testid="device-app-version">{device.appVersion ?? '—'}</td>
      <td data-testid="device-pending" data-count={device.pendingCount ?? ''}>
        {device.pendingCount === null ? '—' : t('devices.pending', { count: device.pendingCount })}
      </td>
      <td>
        <div className="device-actions">
          {!revoked && !editing && (
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setName(device.name);
                setEditing(true);
              }}
              data-testid="device-rename"
            >
              {t('devices.rename')}
            </button>
          )}
          {!revoked && !confirmingRevoke && (
            <button type="button" className="button danger" onClick={() => setConfirmingRevoke(true)} data-testid="device-revoke">
              {t('devices.revoke')}
            </button>
          )}
          {confirmingRevoke && !revoked && (
            <div className="confirm" role="alertdialog" aria-label={t('devices.revokeConfirmTitle')}>
              <p>{t('devices.revokeConfirm', { name: device.name })}</p>
              <button
                type="button"
                className="button danger"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate(device.deviceId, { onSuccess: () => setConfirmingRevoke(false) })}
                data-testid="device-revoke-confirm"
              >
                {t('devices.revokeConfirmButton')}
              </button>
              <button type="button" className="button secondary" onClick={() => setConfirmingRevoke(false)}>
                {t('devices.cancel')}
              </button>
              {revoke.isError && <ErrorMessage error={revoke.error} />}
            </div>
          )}
          {revoked && device.revokedAt && (
            <span className="muted">{t('devices.revokedAt', { time: formatDateTime(device.revokedAt, i18n.language) })}</span>
          )}
        </div>
      </td>
    </tr>
  );
}
