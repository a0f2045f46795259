import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/routes';
import { FormError } from '../../components/ApiMessage';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { DevicesPanel } from '../devices/DevicesPanel';
import { useCan } from '../me/permissions';
import { useOffices } from '../offices/queries';
import type { Facility, PairingCode } from './api';
import { PairingCodePanel } from './PairingCodePanel';
import { useArchiveFacility, useCreatePairingCode, useFacilities } from './queries';

export function FacilitiesPage() {
  const { t } = useTranslation();
  const facilities = useFacilities();
  const offices = useOffices();
  const createCode = useCreatePairingCode();
  const archive = useArchiveFacility();
  const [issued, setIssued] = useState<{ facility: Facility; code: PairingCode } | null>(null);
  const [devicesShownFor, setDevicesShownFor] = useState<string | null>(null);
  const canPairKiosks = useCan('device:manage');
  const canEdit = useCan('facility:write');
  const officeName = (officeId?: string | null) => offices.data?.find((office) => office.officeId === officeId)?.name;

  function archiveFacility(facility: Facility) {
    if (window.confirm(t('facilities.archiveConfirm', { name: facility.name }))) archive.mutate(facility.facilityId);
  }

  function issueCode(facility: Facility) {
    createCode.mutate(facility.facilityId, {
      onSuccess: (code) => setIssued({ facility, code }),
    });
  }

  return (
    <section aria-labelledby="facilities-title">
      <div className="page-heading">
        <h1 id="facilities-title">{t('facilities.title')}</h1>
        {canEdit && (
          <div className="actions">
            <a className="button primary" href={routeHref({ name: 'facility-new' })} data-testid="facility-create">
              {t('facilities.create')}
            </a>
            <a className="button secondary" href={routeHref({ name: 'facility-import' })} data-testid="facility-import">
              {t('facilities.import')}
            </a>
          </div>
        )}
      </div>

      {facilities.isPending && <LoadingMessage />}
      {facilities.isError && <ErrorMessage error={facilities.error} onRetry={() => void facilities.refetch()} />}
      {facilities.data?.length === 0 && <EmptyMessage text={t('facilities.empty')} />}

      {createCode.isError && <FormError error={createCode.error} />}
      {archive.isError && <FormError error={archive.error} />}
      {issued && (
        <PairingCodePanel facility={issued.facility} code={issued.code} onClose={() => setIssued(null)} />
      )}

      {facilities.data && facilities.data.length > 0 && (
        <ul className="facility-list">
          {facilities.data.map((facility) => {
            const creating = createCode.isPending && createCode.variables === facility.facilityId;
            return (
              <li
                key={facility.facilityId}
                className="card facility-row"
                data-testid="facility-row"
                data-facility-id={facility.facilityId}
              >
                <div className="facility-summary">
                  <span className="facility-name" data-testid="facility-name">
                    {facility.name}
                    {facility.status === 'archived' && (
                      <span className="badge" data-testid="facility-archived">
                        {t('facilities.archived')}
                      </span>
                    )}
                  </span>
                  <span className="muted">
                    {t(`facilities.licenceTypes.${facility.licenceType}`)} · {t('facilities.licenceNumber')}{' '}
                    {facility.licenceNumber}
                  </span>
                  <span className="muted">
                    {t('facilities.address')} {facility.address}
                  </span>
                  {officeName(facility.officeId) && (
                    <span className="muted" data-testid="facility-office">
                      {t('facilities.office')} {officeName(facility.officeId)}
                    </span>
                  )}
                </div>
                <div className="row-actions">
                {canEdit && (
                  <a className="button secondary" href={routeHref({ name: 'facility-edit', facilityId: facility.facilityId })} data-testid="facility-edit">
                    {t('facilities.edit')}
                  </a>
                )}
                {canEdit && facility.status === 'active' && (
                  <button type="button" className="button secondary" disabled={archive.isPending} onClick={() => archiveFacility(facility)} data-testid="facility-archive">
                    {t('facilities.archive')}
                  </button>
                )}
                {canPairKiosks && (
                  <button
                    type="button"
                    className="button secondary"
                    aria-expanded={devicesShownFor === facility.facilityId}
                    onClick={() => setDevicesShownFor(devicesShownFor === facility.facilityId ? null : facility.facilityId)}
                    data-testid="facility-devices-toggle"
                  >
                    {devicesShownFor === facility.facilityId ? t('devices.hide') : t('devices.show')}
                  </button>
                )}
                {canPairKiosks && facility.status === 'active' && (
                  <button
                    type="button"
                    className="button primary"
                    disabled={createCode.isPending}
                    onClick={() => issueCode(facility)}
                    data-testid="create-pairing-code"
                  >
                    {creating ? t('facilities.creating') : t('facilities.createPairingCode')}
                  </button>
                )}
                </div>
                {devicesShownFor === facility.facilityId && <DevicesPanel facilityId={facility.facilityId} />}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
