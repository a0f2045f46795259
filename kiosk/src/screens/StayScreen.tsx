import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StayForm } from '../check-in/check-in-form';
import { japanDateOf } from '../check-in/stay-dates';
import { hasErrors, validateStay, type FieldErrors } from '../check-in/validation';
import { TextField } from './TextField';

interface StayScreenProps {
  stay: StayForm;
  onChange: (stay: StayForm) => void;
  onNext: () => void;
  onBack: () => void;
}

/** Stay dates (宿泊日) and the number of guests. */
export function StayScreen({ stay, onChange, onNext, onBack }: StayScreenProps) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldErrors<keyof StayForm>>({});

  function next(event: React.FormEvent) {
    event.preventDefault();
    const found = validateStay(stay, japanDateOf(new Date()));
    setErrors(found);
    if (!hasErrors(found)) onNext();
  }

  return (
    <form className="screen" onSubmit={next} noValidate data-testid="stay-screen">
      <h1>{t('stay.title')}</h1>
      <TextField
        testIdPrefix="stay"
        name="arrivalDate"
        type="date"
        label={t('stay.arrivalDate')}
        value={stay.arrivalDate}
        onChange={(arrivalDate) => onChange({ ...stay, arrivalDate })}
        error={errors.arrivalDate}
      />
      <TextField
        testIdPrefix="stay"
        name="departureDate"
        type="date"
        label={t('stay.departureDate')}
        value={stay.departureDate}
        onChange={(departureDate) => onChange({ ...stay, departureDate })}
        error={errors.departureDate}
      />
      <TextField
        testIdPrefix="stay"
        name="guestCount"
        type="number"
        inputMode="numeric"
        label={t('stay.guestCount')}
        value={stay.guestCount}
        onChange={(guestCount) => onChange({ ...stay, guestCount })}
        error={errors.guestCount}
      />
      <div className="button-row">
        <button type="button" onClick={onBack} data-testid="stay-back">
          {t('common.back')}
        </button>
        <button type="submit" className="primary" data-testid="stay-next">
          {t('common.next')}
        </button>
      </div>
    </form>
  );
}
