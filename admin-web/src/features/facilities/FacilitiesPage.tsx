import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { useOperator } from '../me/queries';
import type { Facility, PairingCode } from './api';
import { PairingCodePanel } from './PairingCodePanel';
import { useCreatePairingCode, useFacilities } from './queries';

export function FacilitiesPage() {
  const { t } = useTranslation();
  const facilities = useFacilities();
  const operator = useOperator();
  const createCode = useCreatePairingCode();
  const [issued, setIssued] = useState<{ facility: Facility; code: PairingCode } | null>(null);
  // The API lets only owners and managers create pairing codes.
  const canPairKiosks = operator.data?.role === 'owner' || operator.data?.role === 'manager';

  function issueCode(facility: Facility) {
    createCode.mutate(facility.facilityId, {
      onSuccess: (code) => setIssued({ facility, code }),
    });
  }

  return (
    <section aria-labelledby="facilities-title">
      <h1 id="facilities-title">{t('facilities.title')}</h1>

      {facilities.isPending && <LoadingMessage />}
      {facilities.isError && <ErrorMessage error={facilities.error} onRetry={() => void facilities.refetch()} />}
      {facilities.data?.length === 0 && <EmptyMessage text={t('facilities.empty')} />}

      {createCode.isError && <ErrorMessage error={createCode.error} />}
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
                  </span>
                  <span className="muted">
                    {t(`facilities.licenceTypes.${facility.licenceType}`)} · {t('facilities.licenceNumber')}{' '}
                    {facility.licenceNumber}
                  </span>
                  <span className="muted">
                    {t('facilities.address')} {facility.address}
                  </span>
                </div>
                {canPairKiosks && (
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
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
