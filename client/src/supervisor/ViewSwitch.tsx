import './supervisor.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../common/store';
import { isTypingTarget } from '../keyboard';
import { SUPERVISOR_VIEWS, type SupervisorViewName, setView, viewStore } from './viewStore';

const selectView = (v: SupervisorViewName) => v;
const LABEL = {
  supervisor: 'supervisor.viewSupervisor',
  clearing: 'supervisor.viewClearing',
  console: 'supervisor.viewConsole',
  ledger: 'ledger.view',
  reports: 'reports.view',
} as const satisfies Record<SupervisorViewName, string>;

/** V switches between the console and the supervisor view, like the buttons in the header. */
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

/** The supervisor's views side by side in the header: the live ones, 清零, then the ledger and reports (第三十五条). */
export function ViewSwitch() {
  const { t } = useTranslation();
  const view = useStore(viewStore, selectView);
  return (
    <fieldset className="view-switch" data-testid="view-switch">
      <legend className="visually-hidden">{t('supervisor.viewSwitchLabel')}</legend>
      {SUPERVISOR_VIEWS.map((v) => (
        <button
          key={v}
          type="button"
          className={`btn view-switch-btn ${view === v ? 'is-on' : ''}`}
          aria-pressed={view === v}
          onClick={() => setView(v)}
          title={t('supervisor.viewKeyHint')}
          data-testid={`view-${v}`}
        >
          {t(LABEL[v])}
        </button>
      ))}
    </fieldset>
  );
}
