import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldHint, FormError, useFieldErrors } from '../../components/ApiMessage';
import { ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { routeHref } from '../../app/routes';
import { useOffices } from '../offices/queries';
import { houseRuleLanguages, licenceTypeSchema, type Facility, type FacilityInput } from './api';
import { useFacility, useSaveFacility } from './queries';

const prefectures = '北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県 新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県'.split(' ');

function initialInput(facility?: Facility): FacilityInput {
  return {
    name: facility?.name ?? '',
    licenceType: facility?.licenceType ?? 'private-lodging',
    licenceNumber: facility?.licenceNumber ?? '',
    postalCode: facility?.postalAddress?.postalCode ?? '',
    prefecture: facility?.postalAddress?.prefecture ?? '東京都',
    city: facility?.postalAddress?.city ?? '',
    street: facility?.postalAddress?.street ?? '',
    building: facility?.postalAddress?.building ?? '',
    capacity: facility?.capacity?.toString() ?? '',
    officeId: facility?.officeId ?? '',
    entryCode: facility?.entryCode ?? '',
    localDayLimit: facility?.localDayLimit?.toString() ?? '',
    notificationDate: facility?.notificationDate ?? '',
    houseRules: { ...(facility?.houseRules ?? {}) },
  };
}

/** Create (no `facilityId`) or edit one facility. */
export function FacilityFormPage({ facilityId }: { facilityId?: string }) {
  const { t } = useTranslation();
  const existing = useFacility(facilityId);
  const offices = useOffices();

  if (facilityId && existing.isPending) return <LoadingMessage />;
  if (facilityId && existing.isError) return <ErrorMessage error={existing.error} onRetry={() => void existing.refetch()} />;
  if (offices.isPending) return <LoadingMessage />;
  if (offices.isError) return <ErrorMessage error={offices.error} onRetry={() => void offices.refetch()} />;

  return (
    <section aria-labelledby="facility-form-title">
      <h1 id="facility-form-title">{facilityId ? t('facilityForm.editTitle') : t('facilityForm.createTitle')}</h1>
      {offices.data.length === 0 ? (
        <p className="status status-empty" data-testid="empty">
          {t('facilityForm.noOffices')} <a href={routeHref({ name: 'offices' })}>{t('nav.offices')}</a>
        </p>
      ) : (
        <FacilityForm facilityId={facilityId} facility={existing.data} offices={offices.data} />
      )}
    </section>
  );
}

function FacilityForm({ facilityId, facility, offices }: { facilityId?: string; facility?: Facility; offices: { officeId: string; name: string }[] }) {
  const { t } = useTranslation();
  // The revision stays the one read when the form opened, even after a refetch, so that saving
  // over a newer version is rejected with a 409 instead of undoing that version.
  const [edited] = useState(() => (facilityId && facility ? { facilityId, revision: facility.revision } : undefined));
  const save = useSaveFacility(edited);
  const [input, setInput] = useState<FacilityInput>(() => ({ ...initialInput(facility), officeId: facility?.officeId ?? offices[0].officeId }));
  const errors = useFieldErrors(save.error);

  useEffect(() => {
    if (save.isSuccess) window.location.hash = routeHref({ name: 'facilities' });
  }, [save.isSuccess]);

  function set<Key extends keyof FacilityInput>(key: Key, value: FacilityInput[Key]) {
    setInput((current) => ({ ...current, [key]: value }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(input);
  }

  const text = (
    key: keyof FacilityInput,
    props: { required?: boolean; inputMode?: 'numeric' | 'text'; autoComplete?: string; type?: 'date'; hint?: string } = {},
  ) => (
    <label className="field">
      <span>
        {t(`facilityForm.fields.${key}`)}
        {props.required && <span className="required"> *</span>}
      </span>
      {props.hint && (
        <span className="muted" id={`${key}-hint`}>
          {props.hint}
        </span>
      )}
      <input
        type={props.type}
        value={input[key] as string}
        onChange={(event) => set(key, event.target.value as never)}
        required={props.required}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? 'off'}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={[props.hint && `${key}-hint`, errors[key] && `${key}-error`].filter(Boolean).join(' ') || undefined}
        data-testid={`facility-${key}`}
      />
      <FieldHint text={errors[key]} id={`${key}-error`} />
    </label>
  );

  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="facility-form">
      {save.isError && <FormError error={save.error} />}
      {text('name', { required: true })}
      <label className="field">
        <span>{t('facilityForm.fields.licenceType')}</span>
        <select value={input.licenceType} onChange={(event) => set('licenceType', event.target.value as FacilityInput['licenceType'])} data-testid="facility-licenceType">
          {licenceTypeSchema.options.map((type) => (
            <option key={type} value={type}>
              {t(`facilities.licenceTypes.${type}`)}
            </option>
          ))}
        </select>
      </label>
      {text('licenceNumber', { required: true })}
      {text('notificationDate', {
        type: 'date',
        hint: input.licenceType === 'private-lodging' ? t('facilityForm.notificationDateHint') : t('facilityForm.notificationDateOptional'),
      })}
      <fieldset className="field-group">
        <legend>{t('facilityForm.address')}</legend>
        {text('postalCode', { required: true, inputMode: 'numeric', autoComplete: 'postal-code' })}
        <label className="field">
          <span>{t('facilityForm.fields.prefecture')}</span>
          <select value={input.prefecture} onChange={(event) => set('prefecture', event.target.value)} data-testid="facility-prefecture">
            {prefectures.map((prefecture) => (
              <option key={prefecture}>{prefecture}</option>
            ))}
          </select>
        </label>
        {text('city', { required: true })}
        {text('street', { required: true })}
        {text('building')}
      </fieldset>
      {text('capacity', { required: true, inputMode: 'numeric' })}
      <label className="field">
        <span>{t('facilityForm.fields.officeId')}</span>
        <select value={input.officeId} onChange={(event) => set('officeId', event.target.value)} data-testid="facility-officeId">
          {offices.map((office) => (
            <option key={office.officeId} value={office.officeId}>
              {office.name}
            </option>
          ))}
        </select>
        <FieldHint text={errors.officeId} id="officeId-error" />
      </label>
      {text('entryCode')}
      {input.licenceType === 'private-lodging' && text('localDayLimit', { inputMode: 'numeric' })}
      <fieldset className="field-group">
        <legend>{t('facilityForm.houseRules')}</legend>
        {houseRuleLanguages.map((language) => (
          <label className="field" key={language}>
            <span>{t(`facilityForm.languages.${language}`)}</span>
            <textarea
              rows={3}
              value={input.houseRules[language] ?? ''}
              onChange={(event) => set('houseRules', { ...input.houseRules, [language]: event.target.value })}
              data-testid={`facility-houseRules-${language}`}
            />
            <FieldHint text={errors[`houseRules.${language}`]} id={`houseRules-${language}-error`} />
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <a className="button secondary" href={routeHref({ name: 'facilities' })}>
          {t('facilityForm.cancel')}
        </a>
        <button type="submit" className="button primary" disabled={save.isPending} data-testid="facility-save">
          {save.isPending ? t('facilityForm.saving') : t('facilityForm.save')}
        </button>
      </div>
    </form>
  );
}
