import { CreateAlertRequest } from '@shared/api/alert';
import { AssignmentAction } from '@shared/api/dispatch';
import { routes } from '@shared/api/routes';
import type { Assignment } from '@shared/domain/assignment';
import { InfringementCategory } from '@shared/domain/category';
import type { Incident } from '@shared/domain/incident';
import type { Unit } from '@shared/domain/unit';
import { z } from 'zod';
import { call } from '../api/call';
import { ApiError, isTransient } from '../api/http';
import { createStore } from '../common/store';

/**
 * The phone's queue of actions (SOS, its cancel and category, answers to assignments, duty).
 * Every action is written to localStorage before the first try and leaves it only when the
 * server has answered, so a dead network, a closed tab or a flat battery loses nothing; each
 * carries a key the server recognises on a retry (Idempotency-Key for an alert; answers,
 * cancels and duty are idempotent by nature), so nothing happens twice. Actions go out one at
 * a time in the order they were made: an SOS before its cancel, accept before en route.
 */
/** A phone on a bad network gives up on a try sooner; the queue tries again. */
const FIELD = { timeoutMs: 12_000 };

const Base = { key: z.string(), at: z.string() };
export const QueuedAction = z.discriminatedUnion('kind', [
  z.object({ ...Base, kind: z.literal('sos'), localId: z.string(), body: CreateAlertRequest }),
  z.object({ ...Base, kind: z.literal('cancel_sos'), localId: z.string(), afterS: z.number() }),
  z.object({ ...Base, kind: z.literal('refine_sos'), localId: z.string(), category: InfringementCategory }),
  z.object({ ...Base, kind: z.literal('respond'), assignmentId: z.string(), action: AssignmentAction }),
  z.object({ ...Base, kind: z.literal('duty'), onDuty: z.boolean() }),
]);
export type QueuedAction = z.infer<typeof QueuedAction>;
type NewAction = QueuedAction extends infer A
  ? A extends QueuedAction
    ? Omit<A, 'key' | 'at'>
    : never
  : never;

const Persisted = z.object({
  actions: z.array(QueuedAction),
  /** Local SOS id → the incident the server made of it, so a later cancel knows what to cancel. */
  sosIncidents: z.record(z.string(), z.string()),
});

export interface QueueState {
  actions: QueuedAction[];
  sosIncidents: Record<string, string>;
  sending: boolean;
  /** The last failure that made the queue wait, for the phone to show. */
  waiting: 'network' | 'server' | null;
}

export type QueueResult =
  | { kind: 'incident'; incident: Incident }
  | { kind: 'assignment'; assignment: Assignment }
  | { kind: 'unit'; unit: Unit };

export interface QueueHooks {
  /** The server's answer to an action that went through. */
  onResult(action: QueuedAction, result: QueueResult): void;
  /** The server refused an action for good (a 4xx other than 401): it is dropped. */
  onRefused(action: QueuedAction, error: ApiError): void;
}

export const queueStore = createStore<QueueState>({
  actions: [],
  sosIncidents: {},
  sending: false,
  waiting: null,
});

let storageKey: string | null = null;
let hooks: QueueHooks | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retryDelayMs = 1000;

function persist(): void {
  if (!storageKey) return;
  const { actions, sosIncidents } = queueStore.get();
  try {
    localStorage.setItem(storageKey, JSON.stringify({ actions, sosIncidents }));
  } catch {
    // Storage full or disabled: the queue still works for as long as the page stays open.
  }
}

function load(key: string): z.infer<typeof Persisted> {
  try {
    const raw = localStorage.getItem(key);
    if (raw) {
      const parsed = Persisted.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
    }
  } catch {
    // unreadable: start empty
  }
  return { actions: [], sosIncidents: {} };
}

/** A key the server accepts as Idempotency-Key; getRandomValues works on plain-HTTP intranets too. */
export function newKey(prefix: string): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Opens the queue of one officer (it survives reloads) and sends whatever was left in it. */
export function openQueue(userId: string, queueHooks: QueueHooks): () => void {
  storageKey = `shieldline.field.queue.${userId}`;
  hooks = queueHooks;
  const saved = load(storageKey);
  queueStore.set({ ...saved, sending: false, waiting: null });
  const kick = () => {
    retryDelayMs = 1000;
    void flush();
  };
  window.addEventListener('online', kick);
  const poll = setInterval(() => {
    if (queueStore.get().actions.length && !queueStore.get().sending) void flush();
  }, 5000);
  void flush();
  return () => {
    window.removeEventListener('online', kick);
    clearInterval(poll);
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    storageKey = null;
    hooks = null;
  };
}

/** Queues an action and tries to send it at once. */
export function enqueue(action: NewAction): QueuedAction {
  const queued = { ...action, key: newKey(action.kind), at: new Date().toISOString() } as QueuedAction;
  queueStore.set((s) => ({ ...s, actions: [...s.actions, queued] }));
  persist();
  retryDelayMs = 1000;
  void flush();
  return queued;
}

/** Tries the queue again now (a reconnected socket, the officer's "send now"). */
export function retryNow(): void {
  retryDelayMs = 1000;
  void flush();
}

async function perform(action: QueuedAction): Promise<QueueResult | 'skip'> {
  const { sosIncidents } = queueStore.get();
  switch (action.kind) {
    case 'sos': {
      const incident = await call(
        routes.alerts.raise,
        { body: action.body, headers: { 'idempotency-key': action.key } },
        FIELD,
      );
      queueStore.set((s) => ({ ...s, sosIncidents: { ...s.sosIncidents, [action.localId]: incident.id } }));
      return { kind: 'incident', incident };
    }
    case 'cancel_sos': {
      const id = sosIncidents[action.localId];
      if (!id) return 'skip';
      return {
        kind: 'incident',
        incident: await call(
          routes.alerts.cancelSos,
          { params: { id }, body: { afterS: action.afterS } },
          FIELD,
        ),
      };
    }
    case 'refine_sos': {
      const id = sosIncidents[action.localId];
      if (!id) return 'skip';
      return {
        kind: 'incident',
        incident: await call(
          routes.alerts.refineSos,
          { params: { id }, body: { category: action.category } },
          FIELD,
        ),
      };
    }
    case 'respond':
      return {
        kind: 'assignment',
        assignment: await call(
          routes.dispatch.respond,
          { params: { id: action.assignmentId }, body: { action: action.action } },
          FIELD,
        ),
      };
    case 'duty':
      return {
        kind: 'unit',
        unit: await call(routes.units.duty, { body: { onDuty: action.onDuty } }, FIELD),
      };
  }
}

function drop(action: QueuedAction): void {
  queueStore.set((s) => ({ ...s, actions: s.actions.filter((a) => a.key !== action.key) }));
  persist();
}

async function flush(): Promise<void> {
  if (queueStore.get().sending || !hooks) return;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  queueStore.set((s) => ({ ...s, sending: true }));
  try {
    for (;;) {
      const next = queueStore.get().actions[0];
      if (!next || !hooks) break;
      try {
        const result = await perform(next);
        drop(next);
        queueStore.set((s) => ({ ...s, waiting: null }));
        if (result !== 'skip') hooks?.onResult(next, result);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) break;
        if (isTransient(err)) {
          const waiting = err instanceof ApiError && err.status === 0 ? 'network' : 'server';
          queueStore.set((s) => ({ ...s, waiting }));
          retryTimer = setTimeout(() => void flush(), retryDelayMs);
          retryDelayMs = Math.min(retryDelayMs * 2, 15_000);
          break;
        }
        drop(next);
        if (err instanceof ApiError) hooks?.onRefused(next, err);
      }
    }
  } finally {
    queueStore.set((s) => ({ ...s, sending: false }));
  }
}
