import { createStore } from '../state/store';

/** What a supervisor has on screen: the dispatch console, the supervisor view, the ledger or the reports. */
export const SUPERVISOR_VIEWS = ['supervisor', 'console', 'ledger', 'reports'] as const;
export type SupervisorViewName = (typeof SUPERVISOR_VIEWS)[number];

const KEY = 'shieldline.supervisorView';

function readView(): SupervisorViewName {
  try {
    const saved = globalThis.localStorage?.getItem(KEY);
    return (SUPERVISOR_VIEWS as readonly string[]).includes(saved ?? '')
      ? (saved as SupervisorViewName)
      : 'supervisor';
  } catch {
    return 'supervisor';
  }
}

/** The supervisor view is the default landing; the choice is remembered per browser. */
export const viewStore = createStore<SupervisorViewName>(readView());

export function setView(view: SupervisorViewName): void {
  try {
    globalThis.localStorage?.setItem(KEY, view);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  viewStore.set(view);
}
