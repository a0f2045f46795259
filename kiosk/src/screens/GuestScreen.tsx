import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PhotoField } from '../capture/PhotoField';
import type { GuestForm } from '../check-in/check-in-form';
import type { RegisterFields } from '../check-in/register-fields';
import { listCountries } from '../check-in/countries';
import { hasErrors, validateGuest, type FieldErrors } from '../check-in/validation';
import { TextField } from './TextField';

interface GuestScreenProps {
  guest: GuestForm;
  /** 1-based position of this guest. */
  index: number;
  count: number;
  /** Which of occupation and contact the facility's licence type requires. */
  fields: RegisterFields;
  onChange: (guest: GuestForm) => void;
  onNext: () => void;
  onBack: () => void;
}

/**
 * Collects one guest's register fields. Nationality, passport number and the passport and face
 * photos appear only for a guest without an address in Japan, because residents are not asked
 * for a passport.
 */
export function GuestScreen({ guest, index, count, fields, onChange, onNext, onBack }: GuestScreenProps) {
  const { t, i18n } = useTranslation();
  const [errors, setErrors] = useState<FieldErrors<keyof GuestForm>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const countries = useMemo(() => listCountries(i18n.language), [i18n.language]);
  const update = (patch: Partial<GuestForm>) => {
    onChange({ ...guest, ...patch });
    // A field the guest has just changed no longer shows its old error; "next" validates again.
    setErrors((current) => {
      const remaining = { ...current };
      for (const field of Object.keys(patch)) delete remaining[field as keyof GuestForm];
      return remaining;
    });
  };

  function next(event: React.FormEvent) {
    event.preventDefault();
    const found = validateGuest(guest, fields);
    setErrors(found);
    if (hasErrors(found)) {
      if (formRef.current) focusFirstInvalidField(formRef.current, Object.keys(found));
      return;
    }
    onNext();
  }

  const message = (field: keyof GuestForm) => {
    const error = errors[field];
    return error ? t(error.key, error.values) : '';
  };

  return (
    <form ref={formRef} className="screen" onSubmit={next} noValidate data-testid="guest-screen">
      <h1>{t('guest.title', { index, count })}</h1>
      <TextField
        testIdPrefix="guest"
        name="name"
        label={t('guest.name')}
        value={guest.name}
        onChange={(name) => update({ name })}
        error={errors.name}
      />
      <TextField
        testIdPrefix="guest"
        name="address"
        label={t('guest.address')}
        value={guest.address}
        onChange={(address) => update({ address })}
        error={errors.address}
      />
      {fields.occupation && (
        <TextField
          testIdPrefix="guest"
          name="occupation"
          label={t('guest.occupation')}
          value={guest.occupation}
          onChange={(occupation) => update({ occupation })}
          error={errors.occupation}
        />
      )}
      {fields.contact && (
        <TextField
          testIdPrefix="guest"
          name="contact"
          type="text"
          inputMode="email"
          label={t('guest.contact')}
          value={guest.contact}
          onChange={(contact) => update({ contact })}
          error={errors.contact}
        />
      )}

      <fieldset className="field" data-field="hasAddressInJapan">
        <legend>{t('guest.addressInJapan')}</legend>
        <div className="button-row" role="radiogroup">
          {([true, false] as const).map((answer) => (
            <button
              key={String(answer)}
              type="button"
              role="radio"
              aria-checked={guest.hasAddressInJapan === answer}
              className={guest.hasAddressInJapan === answer ? 'choice selected' : 'choice'}
              onClick={() => update({ hasAddressInJapan: answer })}
              data-testid={answer ? 'address-in-japan-yes' : 'address-in-japan-no'}
            >
              {answer ? t('guest.yes') : t('guest.no')}
            </button>
          ))}
        </div>
        <p className="field-error" role="alert" data-testid="field-error-hasAddressInJapan">
          {message('hasAddressInJapan')}
        </p>
      </fieldset>

      {guest.hasAddressInJapan === false && (
        <>
          <div className="field" data-field="nationality">
            <label htmlFor="guest-nationality">{t('guest.nationality')}</label>
            <select
              id="guest-nationality"
              value={guest.nationality}
              onChange={(event) => update({ nationality: event.target.value })}
              aria-invalid={errors.nationality ? true : undefined}
              data-testid="guest-nationality"
            >
              <option value="">{t('guest.nationalityPlaceholder')}</option>
              {countries.map((country) => (
                <option key={country.code} value={country.code}>
                  {country.name}
                </option>
              ))}
            </select>
            <p className="field-error" role="alert" data-testid="field-error-nationality">
              {message('nationality')}
            </p>
          </div>
          <TextField
            testIdPrefix="guest"
            name="passportNumber"
            label={t('guest.passportNumber')}
            value={guest.passportNumber}
            onChange={(passportNumber) => update({ passportNumber })}
            error={errors.passportNumber}
          />
          <PhotoField
            kind="passport"
            photo={guest.passportPhoto}
            onChange={(passportPhoto) => update({ passportPhoto })}
            error={message('passportPhoto')}
          />
          <PhotoField
            kind="face"
            photo={guest.facePhoto}
            onChange={(facePhoto) => update({ facePhoto })}
            error={message('facePhoto')}
          />
        </>
      )}

      <div className="button-row">
        <button type="button" onClick={onBack} data-testid="guest-back">
          {t('common.back')}
        </button>
        <button type="submit" className="primary" data-testid="guest-next">
          {t('common.next')}
        </button>
      </div>
    </form>
  );
}

/**
 * Moves focus to the first field with an error, in screen order, and scrolls that field with its
 * label into view. Otherwise a guest who pressed "next" at the bottom of a long form would not
 * see the errors above. Fields carry their name in `data-field`. On the iPad, focusing a text
 * field opens the on-screen keyboard.
 */
function focusFirstInvalidField(form: HTMLFormElement, invalidFields: readonly string[]): void {
  if (invalidFields.length === 0) return;
  const selector = invalidFields.map((field) => `[data-field="${field}"]`).join(', ');
  // querySelector returns the first match in document order among all the selectors of the list.
  const field = form.querySelector<HTMLElement>(selector);
  if (!field) return;
  const control = field.querySelector<HTMLElement>('input:not([type="file"]), select, button:not(:disabled)');
  control?.focus({ preventScroll: true });
  field.scrollIntoView({ block: 'nearest' });
}
