import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { guestLanguages, locales } from './locales';

/**
 * Initializes i18next with every guest language bundled, so switching language works offline.
 * Missing keys fall back to Japanese, the reference language.
 */
export function setupI18n(): typeof i18next {
  const resources = Object.fromEntries(
    guestLanguages.map((language) => [language, { translation: locales[language] }]),
  );
  // Screen readers and the browser's font choice follow <html lang>, so it tracks the guest's language.
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  void i18next.use(initReactI18next).init({
    resources,
    lng: 'ja',
    fallbackLng: 'ja',
    supportedLngs: [...guestLanguages],
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return i18next;
}
