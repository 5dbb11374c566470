import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { readPref, writePref } from '../common/prefs';
import { en } from './en';
import { zhCN } from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

function initialLanguage(): Language {
  const saved = readPref('language');
  return saved === 'en' ? 'en' : 'zh-CN';
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

function applyDocumentLanguage(lng: string): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lng;
}
applyDocumentLanguage(i18n.language);
i18n.on('languageChanged', applyDocumentLanguage);

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export function setLanguage(lng: Language): void {
  writePref('language', lng);
  void i18n.changeLanguage(lng);
}

export function toggleLanguage(): void {
  setLanguage(currentLanguage() === 'en' ? 'zh-CN' : 'en');
}
