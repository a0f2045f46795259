import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError, useFieldErrors } from '../../components/ApiMessage';
import { useApiClient } from '../../lib/api-context';
import { sendSupportRequest, supportCategories, type SupportRequest } from './api';

const emptyRequest: SupportRequest = { category: 'question', subject: '', message: '' };

/** Contact form to OPEN SESAME! support, open to every signed-in head-office user. */
export function SupportPage() {
  const { t } = useTranslation();
  const client = useApiClient();
  const [request, setRequest] = useState<SupportRequest>(emptyRequest);
  const send = useMutation({ mutationFn: (input: SupportRequest) => sendSupportRequest(client, input) });
  const fieldErrors = useFieldErrors(send.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    send.mutate(request);
  }

  function startOver() {
    setRequest(emptyRequest);
    send.reset();
  }

  return (
    <section aria-labelledby="support-title">
      <h1 id="support-title">{t('support.title')}</h1>
      <p className="muted">{t('support.intro')}</p>
      {send.isSuccess ? (
        <div className="card">
          <p role="status" data-testid="support-sent">
            {t('support.sent', { reference: send.data })}
          </p>
          <button type="button" className="button secondary" onClick={startOver}>
            {t('support.newRequest')}
          </button>
        </div>
      ) : (
        <form className="card form" onSubmit={submit} data-testid="support-form" noValidate>
          <label className="field">
            <span>{t('support.category')}</span>
            <select
              value={request.category}
              onChange={(event) => setRequest({ ...request, category: event.target.value as SupportRequest['category'] })}
              data-testid="support-category"
            >
              {supportCategories.map((category) => (
                <option key={category} value={category}>
                  {t(`support.categories.${category}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('support.subject')}</span>
            <input
              value={request.subject}
              maxLength={200}
              onChange={(event) => setRequest({ ...request, subject: event.target.value })}
              aria-invalid={fieldErrors.subject !== undefined}
              data-testid="support-subject"
            />
            {fieldErrors.subject && <span className="field-error">{fieldErrors.subject}</span>}
          </label>
          <label className="field">
            <span>{t('support.message')}</span>
            <textarea
              value={request.message}
              rows={8}
              maxLength={5000}
              onChange={(event) => setRequest({ ...request, message: event.target.value })}
              aria-invalid={fieldErrors.message !== undefined}
              data-testid="support-message"
            />
            <span className="muted">{t('support.messageHint')}</span>
            {fieldErrors.message && <span className="field-error">{fieldErrors.message}</span>}
          </label>
          {send.isError && <FormError error={send.error} />}
          <button type="submit" className="button primary" disabled={send.isPending} data-testid="support-send">
            {t('support.send')}
          </button>
        </form>
      )}
    </section>
  );
}
