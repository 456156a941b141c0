/**
 * The dashboard's languages: English and Simplified Chinese, with i18next and a message
 * catalogue per language (locales/*.json; tests/unit/locale-catalogues.test.ts fails when one
 * lacks a key the other has). The first visit follows the browser's language; the header's
 * switch is remembered in localStorage. `lang` on the document follows, for screen readers and
 * for the fonts the browser picks for Chinese text. Numbers, dates and shares are formatted by
 * Intl for the same locale (ui.tsx).
 */
import i18next from 'i18next';
import { useEffect, useState } from 'preact/hooks';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'profile-graph.language';

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return navigator.languages.some((language) => language.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

void i18next.init({
  lng: initialLanguage(),
  fallbackLng: 'en',
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  interpolation: { escapeValue: false }, // Preact escapes what it renders
  initImmediate: false,
});
document.documentElement.lang = i18next.language;

/** The current language's code, as Intl takes it. */
export const currentLanguage = (): Language => (i18next.language === 'zh-CN' ? 'zh-CN' : 'en');

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

/** `t` for a component: it renders again when the language changes. */
export function useT(): (key: string, values?: Record<string, unknown>) => string {
  const [, setLanguageState] = useState(i18next.language);
  useEffect(() => {
    const onChange = (language: string) => setLanguageState(language);
    i18next.on('languageChanged', onChange);
    return () => i18next.off('languageChanged', onChange);
  }, []);
  return (key, values) => i18next.t(key, values);
}
