import { en } from './en';
import { ja, type LocaleMessages } from './ja';
import { ko } from './ko';
import { zhHans } from './zh-Hans';
import { zhHant } from './zh-Hant';

/** Guest languages as BCP 47 tags; these are also the payload's `language` values. */
export const guestLanguages = ['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko'] as const;
export type GuestLanguage = (typeof guestLanguages)[number];

/** Messages per language. Adding a language is one file here plus one entry below. */
export const locales: Record<GuestLanguage, LocaleMessages> = {
  ja,
  en,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
  ko,
};

/** Each language's own name, shown on the language screen. */
export const languageNames: Record<GuestLanguage, string> = {
  ja: '日本語',
  en: 'English',
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
  ko: '한국어',
};
