import type { Recommendation } from '@shared/api/dispatch';
import { routes } from '@shared/api/routes';
import type { TimelineEntry } from '@shared/api/snapshot';
import type { Priority } from '@shared/domain/priority';
import { call } from '../api/call';
import { ApiError } from '../api/http';
import { createStore } from '../common/store';

/**
 * What the incident panel fetches on demand for the selected incident: its timeline and the
 * recommended units (with the operator's choice among them). Answers for an incident that is
 * no longer shown are dropped; data stays on screen while it refreshes.
 */
export interface Loadable<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  incidentId: string | null;
  data: T | null;
  error: string | null;
}

export interface DetailState {
  incidentId: string | null;
  timeline: Loadable<readonly TimelineEntry[]>;
  recommendations: Loadable<readonly Recommendation[]>;
  /** Units ticked for dispatch. */
  chosen: ReadonlySet<string>;
}

const idle = <T>(): Loadable<T> => ({ status: 'idle', incidentId: null, data: null, error: null });

const initial = (): DetailState => ({
  incidentId: null,
  timeline: idle(),
  recommendations: idle(),
  chosen: new Set(),
});

export const detailStore = createStore<DetailState>(initial());

/** How many of the top available recommendations are ticked by default, by priority. */
export function defaultChoiceCount(priority: Priority): number {
  return priority === 1 ? 3 : priority === 2 ? 2 : 1;
}

export function defaultChoice(recommendations: readonly Recommendation[], priority: Priority): Set<string> {
  return new Set(
    recommendations
      .filter((r) => r.status === 'available')
      .slice(0, defaultChoiceCount(priority))
      .map((r) => r.unitId),
  );
}

function messageOf(err: unknown): string {
  return err instanceof ApiError ? err.message : String(err);
}

const timers = new Map<string, ReturnType<typeof setTimeout>>();
function debounce(key: string, ms: number, run: () => void): void {
  const t = timers.get(key);
  if (t) clearTimeout(t);
  timers.set(
    key,
    setTimeout(() => {
      timers.delete(key);
      run();
    }, ms),
  );
}

let shownPriority: Priority = 4;

export const detailActions = {
  /** The panel now shows this incident (or none). */
  show(incidentId: string | null, priority: Priority): void {
    shownPriority = priority;
    if (detailStore.get().incidentId === incidentId) return;
    detailStore.set({ ...initial(), incidentId });
    if (!incidentId) return;
    void detailActions.loadTimeline(incidentId);
    void detailActions.loadRecommendations(incidentId, priority);
  },

  async loadTimeline(incidentId: string): Promise<void> {
    if (detailStore.get().incidentId !== incidentId) return;
    detailStore.set((s) => ({
      ...s,
      timeline: { ...s.timeline, status: 'loading', incidentId, error: null },
    }));
    try {
      const { entries } = await call(routes.incidents.timeline, { params: { id: incidentId } });
      if (detailStore.get().incidentId !== incidentId) return;
      detailStore.set((s) => ({
        ...s,
        timeline: { status: 'ready', incidentId, data: entries, error: null },
      }));
    } catch (err) {
      if (detailStore.get().incidentId !== incidentId) return;
      detailStore.set((s) => ({ ...s, timeline: { ...s.timeline, status: 'error', error: messageOf(err) } }));
    }
  },

  async loadRecommendations(incidentId: string, priority: Priority = shownPriority): Promise<void> {
    if (detailStore.get().incidentId !== incidentId) return;
    detailStore.set((s) => ({
      ...s,
      recommendations: { ...s.recommendations, status: 'loading', incidentId, error: null },
    }));
    try {
      const { recommendations } = await call(routes.dispatch.recommendations, { params: { id: incidentId } });
      if (detailStore.get().incidentId !== incidentId) return;
      detailStore.set((s) => {
        const offered = new Set(recommendations.map((r) => r.unitId));
        const kept = new Set([...s.chosen].filter((id) => offered.has(id)));
        return {
          ...s,
          recommendations: { status: 'ready', incidentId, data: recommendations, error: null },
          chosen: kept.size > 0 ? kept : defaultChoice(recommendations, priority),
        };
      });
    } catch (err) {
      if (detailStore.get().incidentId !== incidentId) return;
      detailStore.set((s) => ({
        ...s,
        recommendations: { ...s.recommendations, status: 'error', error: messageOf(err) },
      }));
    }
  },

  toggleChoice(unitId: string): void {
    detailStore.set((s) => {
      const chosen = new Set(s.chosen);
      if (chosen.has(unitId)) chosen.delete(unitId);
      else chosen.add(unitId);
      return { ...s, chosen };
    });
  },

  /** A record of this incident changed on the stream: refresh what depends on it, gently. */
  recordChanged(incidentId: string): void {
    if (detailStore.get().incidentId !== incidentId) return;
    debounce('timeline', 600, () => void detailActions.loadTimeline(incidentId));
    debounce('recommendations', 2000, () => void detailActions.loadRecommendations(incidentId));
  },

  reset(): void {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
    detailStore.set(initial());
  },
};
