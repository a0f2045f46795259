import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/ApiMessage';
import { formatDateTime } from '../../i18n/format';
import { useCan } from '../me/permissions';
import type { LongStay } from './api';
import { useConfirmLongStay } from './queries';

/**
 * Shows the long-stay part of a register entry: when the next confirmation that no unverified
 * person stays is due, every confirmation with who made it, and the button that records one.
 */
export function LongStayPanel({ entryId, longStay }: { entryId: string; longStay: LongStay }) {
  const { t, i18n } = useTranslation();
  const canConfirm = useCan('register:confirm-stay');
  const confirm = useConfirmLongStay(entryId);

  return (
    <section className="card long-stay" aria-labelledby="long-stay-title" data-testid="long-stay">
      <h2 id="long-stay-title">{t('longStay.title', { count: longStay.nights })}</h2>
      <p className="muted">{t('longStay.rule')}</p>
      {longStay.due ? (
        <p className="status status-warning" role="status" data-testid="long-stay-due">
          {t('longStay.due', { time: formatDateTime(longStay.nextDueAt!, i18n.language) })}
        </p>
      ) : (
        <p data-testid="long-stay-next">
          {!longStay.inProgress
            ? t('longStay.notInProgress')
            : longStay.nextDueAt
              ? t('longStay.next', { time: formatDateTime(longStay.nextDueAt, i18n.language) })
              : t('longStay.noneBeforeCheckOut')}
        </p>
      )}
      {longStay.confirmations.length === 0 ? (
        <p className="muted" data-testid="long-stay-none">
          {t('longStay.noConfirmations')}
        </p>
      ) : (
        <ol className="long-stay-confirmations" data-testid="long-stay-confirmations">
          {longStay.confirmations.map((confirmation) => (
            <li key={confirmation.at} data-testid="long-stay-confirmation">
              {t('longStay.confirmedBy', { time: formatDateTime(confirmation.at, i18n.language), user: confirmation.userName })}
            </li>
          ))}
        </ol>
      )}
      {canConfirm && longStay.inProgress && (
        <button
          type="button"
          className="button no-print"
          disabled={confirm.isPending}
          onClick={() => confirm.mutate()}
          data-testid="long-stay-confirm"
        >
          {confirm.isPending ? t('longStay.confirming') : t('longStay.confirm')}
        </button>
      )}
      {confirm.isError && <FormError error={confirm.error} />}
    </section>
  );
}
