import type { CountryChoice } from '../../i18n/countries';

/** Filter value of guests with an address in Japan, whatever their nationality. */
export const residentFilter = 'resident';

/**
 * Reads the nationality filter's text: empty for every guest, the resident option's label for
 * `resident`, and a country's label or its ISO 3166-1 alpha-2 code (any case) for that code.
 * Returns undefined for text that names no option.
 */
export function nationalityFilterOf(text: string, choices: readonly CountryChoice[], residentLabel: string): string | undefined {
  const typed = text.trim();
  if (typed === '') return '';
  if (typed === residentLabel) return residentFilter;
  const byLabel = choices.find((choice) => choice.label === typed);
  if (byLabel) return byLabel.code;
  const byCode = choices.find((choice) => choice.code === typed.toUpperCase());
  return byCode?.code;
}
