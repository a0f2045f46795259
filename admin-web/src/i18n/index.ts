import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import ja from './locales/ja.json';

export const supportedLanguages = ['ja', 'en'] as const;
export type Language = (typeof supportedLanguages)[number];

const storageKey = 'open-sesame-admin.language';

function storedLanguage(): Language {
  const stored = window.localStorage.getItem(storageKey);
  return supportedLanguages.find((language) => language === stored) ?? 'ja';
}

/** Options shared by the app and the unit tests that resolve its messages. */
export const i18nOptions = {
  resources: { ja: { translation: ja }, en: { translation: en } },
  fallbackLng: 'ja',
  // The app uses one namespace. Without this, the `:` of a permission key such as
  // `users.grantNames.register:read-pii` splits it into namespace `users.grantNames.register`
  // and key `read-pii`, and the screen shows the raw key.
  nsSeparator: false,
  // React escapes rendered text itself.
  interpolation: { escapeValue: false },
} as const;

/** Starts i18next with Japanese as the default and fallback language. */
export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({ ...i18nOptions, lng: storedLanguage() });
  document.documentElement.lang = i18next.language;
  return i18next;
}

/** Switches the display language and remembers it in this browser. */
export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  window.localStorage.setItem(storageKey, language);
  document.documentElement.lang = language;
}
