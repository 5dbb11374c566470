import { createStore } from '../common/store';

/** What a supervisor has on screen: the dispatch console or the supervisor view. */
export type SupervisorViewName = 'console' | 'supervisor';

const KEY = 'shieldline.supervisorView';

function readView(): SupervisorViewName {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'console' ? 'console' : 'supervisor';
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
