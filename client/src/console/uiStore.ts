import { createStore } from '../common/store';
import type { UnitFilter } from './selectors';

export type DialogName = 'help' | 'close' | 'dispatch';

export interface Toast {
  id: number;
  tone: 'info' | 'success' | 'error';
  text: string;
}

/** What this operator is looking at: selection, the queue cursor, dialogs, messages. */
export interface UiState {
  selectedIncidentId: string | null;
  /** The queue item J/K has moved to; Enter selects it. */
  cursorId: string | null;
  selectedUnitId: string | null;
  followUnitId: string | null;
  dialog: DialogName | null;
  toasts: readonly Toast[];
  unitFilter: UnitFilter;
  /** Bumped to ask the note box to take focus (N). */
  noteFocusRequest: number;
  /** Bumped to ask the unit search to take focus (/). */
  unitSearchFocusRequest: number;
}

export const initialUiState = (): UiState => ({
  selectedIncidentId: null,
  cursorId: null,
  selectedUnitId: null,
  followUnitId: null,
  dialog: null,
  toasts: [],
  unitFilter: { text: '', status: 'all' },
  noteFocusRequest: 0,
  unitSearchFocusRequest: 0,
});

export const uiStore = createStore<UiState>(initialUiState());

export function selectIncident(id: string | null): void {
  uiStore.set((s) => ({ ...s, selectedIncidentId: id, cursorId: id ?? s.cursorId }));
}

export function moveCursor(ids: readonly string[], step: 1 | -1): void {
  if (ids.length === 0) return;
  uiStore.set((s) => {
    const from = s.cursorId ?? s.selectedIncidentId;
    const index = from ? ids.indexOf(from) : -1;
    const next =
      index < 0 ? (step > 0 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, index + step));
    return { ...s, cursorId: ids[next] ?? null };
  });
}

export function selectUnit(id: string | null): void {
  uiStore.set((s) => ({
    ...s,
    selectedUnitId: id,
    followUnitId: s.followUnitId && s.followUnitId !== id ? null : s.followUnitId,
  }));
}

export function setFollow(unitId: string | null): void {
  uiStore.set((s) => ({ ...s, followUnitId: unitId }));
}

export function openDialog(dialog: DialogName | null): void {
  uiStore.set((s) => ({ ...s, dialog }));
}

export function setUnitFilter(filter: Partial<UnitFilter>): void {
  uiStore.set((s) => ({ ...s, unitFilter: { ...s.unitFilter, ...filter } }));
}

export function requestNoteFocus(): void {
  uiStore.set((s) => ({ ...s, noteFocusRequest: s.noteFocusRequest + 1 }));
}

export function requestUnitSearchFocus(): void {
  uiStore.set((s) => ({ ...s, unitSearchFocusRequest: s.unitSearchFocusRequest + 1 }));
}

let toastSeq = 0;
const TOAST_MS = { info: 5000, success: 4000, error: 9000 } as const;

export function toast(tone: Toast['tone'], text: string): void {
  const id = ++toastSeq;
  uiStore.set((s) => ({ ...s, toasts: [...s.toasts.slice(-3), { id, tone, text }] }));
  setTimeout(() => dismissToast(id), TOAST_MS[tone]);
}

export function dismissToast(id: number): void {
  uiStore.set((s) =>
    s.toasts.some((t) => t.id === id) ? { ...s, toasts: s.toasts.filter((t) => t.id !== id) } : s,
  );
}

export function resetUi(): void {
  uiStore.set(initialUiState());
}
