import { useTranslation } from 'react-i18next';
import { guestLanguages, languageNames, locales, type GuestLanguage } from '../i18n/locales';

interface LanguageScreenProps {
  onChoose: (language: GuestLanguage) => void;
}

/** Offers every guest language in its own script; the first screen for each guest. */
export function LanguageScreen({ onChoose }: LanguageScreenProps) {
  const { i18n } = useTranslation();
  return (
    <div className="screen" data-testid="language-screen">
      <h1 lang="ja">{locales.ja.language.title}</h1>
      <p className="subtitle" lang="en">
        {locales.en.language.title}
      </p>
      <div className="language-grid">
        {guestLanguages.map((language) => (
          <button
            key={language}
            type="button"
            lang={language}
            className="language-button"
            onClick={() => {
              void i18n.changeLanguage(language);
              onChoose(language);
            }}
            data-testid={`language-${language}`}
          >
            {languageNames[language]}
          </button>
        ))}
      </div>
    </div>
  );
}
