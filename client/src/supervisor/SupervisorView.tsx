import './supervisor.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SupervisorCases } from '../cases/SupervisorCases';
import { selectIncident } from '../console/uiStore';
import { isTypingTarget } from '../keyboard';
import { type RefLinks, WarningsPanel } from '../warnings/WarningsPanel';
import { ConsolesPanel } from './ConsolesPanel';
import { DeliveryProblemsPanel } from './DeliveryProblemsPanel';
import { DepartmentTasks } from './DepartmentTasks';
import { IncidentsByState } from './IncidentsByState';
import { IntervalsPanel } from './IntervalsPanel';
import { setView } from './viewStore';

/** An incident a warning points to opens on the console view, selected. */
const WARNING_LINKS: RefLinks = {
  incident: (id) => {
    selectIncident(id);
    setView('console');
  },
};

/** Console keys that act on the queue, the selected incident or the units list, all hidden here. */
const CONSOLE_ONLY_KEYS = new Set(['j', 'k', 'd', 'n', 'c', 'f', '/', 'Enter', 'ArrowUp', 'ArrowDown']);

/**
 * While the supervisor view is up, the console's single-key commands that act on what is not on
 * screen are kept from reaching it (its handler listens on window; this one stops them at the
 * document, after the view's own controls have had them). A, L, ? and Esc still work: the alarm
 * banner stays over this view and A acknowledges from here too.
 */
export function useGuardConsoleKeys(): void {
  useEffect(() => {
    function guard(e: KeyboardEvent) {
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (CONSOLE_ONLY_KEYS.has(key)) e.stopPropagation();
    }
    document.addEventListener('keydown', guard);
    return () => document.removeEventListener('keydown', guard);
  }, []);
}

/**
 * The supervisor on duty's wall: active incidents by state; each department's tasks against
 * their deadlines; the centre's intervals against its targets; consoles that lag; early warnings.
 */
export function SupervisorView() {
  const { t } = useTranslation();
  useGuardConsoleKeys();
  return (
    <div className="sup-view has-warnings" data-testid="supervisor-view">
      <h2 className="visually-hidden">{t('supervisor.title')}</h2>
      <IncidentsByState />
      <DepartmentTasks />
      <SupervisorCases />
      <IntervalsPanel />
      <ConsolesPanel />
      <DeliveryProblemsPanel />
      <WarningsPanel className="sup-panel sup-warnings" links={WARNING_LINKS} />
    </div>
  );
}
