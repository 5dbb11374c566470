import { createStore } from '../state/store';

/** What a supervisor has on screen: the dispatch console, the supervisor view or 清零 (clearing). */
export type SupervisorViewName = 'console' | 'supervisor' | 'clearing';

const KEY = 'shieldline.supervisorView';

function readView(): SupervisorViewName {
  try {
    const saved = globalThis.localStorage?.getItem(KEY);
    return saved === 'console' || saved === 'clearing' ? saved : 'supervisor';
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
