// The package's Node.js entry registers every locale's names at import (about 700 KB bundled);
// the codes need none of them, so this imports the entry that browsers get.
import { getAlpha2Codes } from 'i18n-iso-countries/index';

/** ISO 3166-1 alpha-2 codes of every officially assigned country, from i18n-iso-countries. */
export const isoCountryCodes: readonly string[] = Object.keys(getAlpha2Codes()).sort();

export interface CountryOption {
  code: string;
  name: string;
}

/**
 * Lists every country with its name in the guest's language, sorted for that language. Names
 * come from the browser's CLDR data (Intl.DisplayNames), because i18n-iso-countries 7.14 ships
 * no Traditional Chinese names.
 */
export function listCountries(language: string): CountryOption[] {
  const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
  const collator = new Intl.Collator(language);
  return isoCountryCodes
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
