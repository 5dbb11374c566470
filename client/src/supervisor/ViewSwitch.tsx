import './supervisor.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../common/store';
import { isTypingTarget } from '../keyboard';
import { type SupervisorViewName, setView, viewStore } from './viewStore';

const selectView = (v: SupervisorViewName) => v;
const VIEWS: readonly SupervisorViewName[] = ['supervisor', 'console'];

/** V switches between the two views, like the buttons in the header. */
export function useViewKey(): void {
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (isTypingTarget(e.target) || document.querySelector('dialog[open]')) return;
      if (e.key !== 'v' && e.key !== 'V') return;
      e.preventDefault();
      setView(viewStore.get() === 'console' ? 'supervisor' : 'console');
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** The supervisor's two views, side by side in the header. */
export function ViewSwitch() {
  const { t } = useTranslation();
  const view = useStore(viewStore, selectView);
  return (
    <fieldset className="view-switch" data-testid="view-switch">
      <legend className="visually-hidden">{t('supervisor.viewSwitchLabel')}</legend>
      {VIEWS.map((v) => (
        <button
          key={v}
          type="button"
          className={`btn view-switch-btn ${view === v ? 'is-on' : ''}`}
          aria-pressed={view === v}
          onClick={() => setView(v)}
          title={t('supervisor.viewKeyHint')}
          data-testid={`view-${v}`}
        >
          {t(v === 'console' ? 'supervisor.viewConsole' : 'supervisor.viewSupervisor')}
        </button>
      ))}
    </fieldset>
  );
}
