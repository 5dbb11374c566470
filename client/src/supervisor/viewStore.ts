import { createStore } from '../common/store';

/** What a supervisor has on screen: the dispatch console, the supervisor view, 清零 (clearing), the ledger or the reports. */
export const SUPERVISOR_VIEWS = ['supervisor', 'clearing', 'console', 'ledger', 'reports'] as const;
export type SupervisorViewName = (typeof SUPERVISOR_VIEWS)[number];

const KEY = 'shieldline.supervisorView';

function readView(): SupervisorViewName {
  try {
    const saved = globalThis.localStorage?.getItem(KEY);
    return saved === 'console' || saved === 'clearing' ? saved : 'supervisor';
  } catch {
    return 'supervisor';
  }
}

/**
 * The supervisor view is the default landing; the choice between the two live views is
 * remembered per browser. The ledger and the reports are visits: a new shift lands on a live view.
 */
export const viewStore = createStore<SupervisorViewName>(readView());

export function setView(view: SupervisorViewName): void {
  try {
    globalThis.localStorage?.setItem(KEY, view);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  viewStore.set(view);
}
