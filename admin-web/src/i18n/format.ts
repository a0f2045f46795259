/**
 * Locale-aware formatting of the dates, times and countries shown in admin-web.
 * Register dates are calendar dates without a time zone, so they are formatted in UTC to keep
 * the day from shifting in the browser's zone. Instants are shown in Japan time with a JST label.
 */

export function formatCalendarDate(isoDate: string, language: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return new Intl.DateTimeFormat(language, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(date);
}

/**
 * Names a 定期報告 period. Japanese keeps the government system's label (`2026年度10月～11月`),
 * because operators type or upload it there. Other languages get the same fiscal year, which
 * starts in April, and months in their own words, e.g. `FY2026 Oct–Nov`.
 */
export function formatReportingPeriod(period: { firstDay: string; lastDay: string; governmentLabel: string }, language: string): string {
  if (language.startsWith('ja')) return period.governmentLabel;
  const [firstYear, firstMonth] = period.firstDay.split('-').map(Number);
  const [lastYear, lastMonth] = period.lastDay.split('-').map(Number);
  const fiscalYear = firstMonth >= 4 ? firstYear : firstYear - 1;
  const month = new Intl.DateTimeFormat(language, { timeZone: 'UTC', month: 'short' });
  const first = month.format(new Date(Date.UTC(firstYear, firstMonth - 1, 1)));
  const last = month.format(new Date(Date.UTC(lastYear, lastMonth - 1, 1)));
  return `FY${fiscalYear} ${first}–${last}`;
}

/** Counts the nights between two YYYY-MM-DD dates. */
export function countNights(arrivalDate: string, departureDate: string): number {
  const dayMilliseconds = 24 * 60 * 60 * 1000;
  return Math.round((Date.parse(departureDate) - Date.parse(arrivalDate)) / dayMilliseconds);
}

/** Zone of every time admin-web shows: register times are Japan time, wherever the operator's browser is. */
export const japanTimeZone = 'Asia/Tokyo';

/** Label after each time shown, so no reader takes it for their browser's zone. */
export const japanTimeLabel = 'JST';

/** Formats an instant as a date and time in Japan time, followed by `JST`. */
export function formatDateTime(isoDateTime: string, language: string): string {
  const text = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: japanTimeZone }).format(new Date(isoDateTime));
  return `${text} ${japanTimeLabel}`;
}

/** Formats a BCP 47 language tag as the language's name, e.g. "英語" for `en` shown in Japanese. */
export function formatLanguage(tag: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  } catch {
    // Intl.DisplayNames throws a RangeError on a malformed tag.
    return tag;
  }
}

/** Formats an instant as a time of day in Japan time, followed by `JST`. */
export function formatTime(date: Date, language: string): string {
  const text = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', timeZone: japanTimeZone }).format(date);
  return `${text} ${japanTimeLabel}`;
}

/** Formats a remaining duration as m:ss. */
export function formatRemaining(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.ceil(milliseconds / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** Formats an ISO 3166-1 alpha-2 code as the country's name followed by the code. */
export function formatNationality(code: string, language: string): string {
  const name = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' }).of(code);
  return name && name !== code ? `${name} (${code})` : code;
}
