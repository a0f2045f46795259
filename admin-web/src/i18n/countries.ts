import { listCountries } from '../../../kiosk/src/check-in/countries';

/** A country as the head-office screens offer it: the ISO 3166-1 alpha-2 code and its label. */
export interface CountryChoice {
  readonly code: string;
  readonly label: string;
}

/**
 * Lists every country the kiosk offers (the same ISO 3166-1 list and CLDR names), sorted and
 * named in the screen's language first with the other language beside it: `ドイツ / Germany (DE)`
 * in Japanese, `Germany / ドイツ (DE)` in English.
 */
export function countryChoices(language: string): CountryChoice[] {
  const [firstLanguage, secondLanguage] = language.startsWith('en') ? ['en', 'ja'] : ['ja', 'en'];
  const secondNames = new Map(listCountries(secondLanguage).map((country) => [country.code, country.name]));
  return listCountries(firstLanguage).map((country) => ({
    code: country.code,
    label: `${country.name} / ${secondNames.get(country.code) ?? country.code} (${country.code})`,
  }));
}
