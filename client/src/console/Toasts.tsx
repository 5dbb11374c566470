import { useTranslation } from 'react-i18next';
import { useStore } from '../common/store';
import { dismissToast, type UiState, uiStore } from './uiStore';

const selectToasts = (s: UiState) => s.toasts;

export function Toasts() {
  const { t } = useTranslation();
  const toasts = useStore(uiStore, selectToasts);
  return (
    <section className="toasts" aria-live="polite" aria-label={t('toast.region')} data-testid="toasts">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.tone}`}
          role={toast.tone === 'error' ? 'alert' : 'status'}
        >
          <span className="toast-text">{toast.text}</span>
          <button
            type="button"
            className="toast-close"
            onClick={() => dismissToast(toast.id)}
            aria-label={t('toast.dismiss')}
          >
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
