import { useTranslation } from 'react-i18next';
import { currentLanguage, toggleLanguage } from '../i18n';

export function LanguageButton({ className = 'btn btn-ghost' }: { className?: string }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={className}
      onClick={toggleLanguage}
      title={t('header.switchLanguageLabel')}
      lang={currentLanguage() === 'en' ? 'zh-CN' : 'en'}
      data-testid="language-toggle"
    >
      {t('header.switchLanguage')}
    </button>
  );
}
