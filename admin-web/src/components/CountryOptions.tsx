import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryChoices } from '../i18n/countries';

/** Renders an `<option>` per country of the kiosk's list, labelled in the screen's language first. */
export function CountryOptions() {
  const { i18n } = useTranslation();
  const choices = useMemo(() => countryChoices(i18n.language), [i18n.language]);
  return (
    <>
      {choices.map((choice) => (
        <option key={choice.code} value={choice.code}>
          {choice.label}
        </option>
      ))}
    </>
  );
}
