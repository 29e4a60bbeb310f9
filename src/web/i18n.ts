import i18n from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import nl from './i18n/nl.json' with { type: 'json' };

export const languages = [
  { code: 'nl', name: 'Nederlands', dir: 'ltr' },
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
] as const;
export type LanguageCode = (typeof languages)[number]['code'];

const STORAGE_KEY = 'schakel.language';

function initialLanguage(): LanguageCode {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (languages.some((l) => l.code === stored)) return stored as LanguageCode;
  const browser = navigator.language.slice(0, 2);
  return languages.some((l) => l.code === browser) ? (browser as LanguageCode) : 'nl';
}

/** The page follows the language: lang and dir on <html>, so the layout mirrors for Arabic. */
function applyToDocument(code: string) {
  const lang = languages.find((l) => l.code === code) ?? languages[0];
  document.documentElement.lang = lang.code;
  document.documentElement.dir = lang.dir;
}

i18n.use(ICU).use(initReactI18next).init({
  resources: { nl: { translation: nl }, en: { translation: en }, fr: { translation: fr }, ar: { translation: ar } },
  lng: initialLanguage(),
  fallbackLng: 'nl',
  interpolation: { escapeValue: false },
});
applyToDocument(i18n.language);
i18n.on('languageChanged', (code) => {
  localStorage.setItem(STORAGE_KEY, code);
  applyToDocument(code);
});

export default i18n;
