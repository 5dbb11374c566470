import type { EvidenceCapture } from '@shared/api/evidence';
import { routes } from '@shared/api/routes';
import type { TimelineEntry } from '@shared/api/snapshot';
import type { WatchAddresses } from '@shared/api/task';
import type { Incident } from '@shared/domain/incident';
import type { DepartmentTask } from '@shared/domain/task';
import { call } from '../api/call';
import { ApiError } from '../api/http';
import { createStore } from '../common/store';
import { consoleStore } from '../console/consoleStore';
import { toast } from '../console/uiStore';
import { i18n } from '../i18n';
import { taskIdFromHash } from './inboxSelectors';

/**
 * The department inbox's own data, beside the console store's live snapshot and stream:
 * the department's whole task list (GET /tasks), the incidents behind tasks whose incident is
 * no longer open, 网安's evidence captures, and which task is open (from the URL, so a link in
 * a notification opens it; another department's task answers 403 and says so).
 */
export interface Loaded<T> {
  status: 'loading' | 'ready' | 'error' | 'forbidden' | 'notFound';
  data: T | null;
  error: string | null;
}

export interface InboxState {
  list: { status: 'loading' | 'ready' | 'error'; error: string | null };
  /** Tasks read by the inbox: the list, single reads and the answers to its commands. */
  fetched: ReadonlyMap<string, DepartmentTask>;
  selectedId: string | null;
  /** The fate of a task opened by id that the inbox does not hold. */
  opened: { id: string; status: 'loading' | 'forbidden' | 'notFound' | 'error'; error: string | null } | null;
  incidents: ReadonlyMap<string, Loaded<Incident>>;
  timelines: ReadonlyMap<string, Loaded<readonly TimelineEntry[]>>;
  evidence: ReadonlyMap<string, Loaded<readonly EvidenceCapture[]>>;
  watch: ReadonlyMap<string, Loaded<WatchAddresses>>;
  /** Commands in flight, as `taskId:action`. */
  busy: ReadonlySet<string>;
}

const initial = (): InboxState => ({
  list: { status: 'loading', error: null },
  fetched: new Map(),
  selectedId: null,
  opened: null,
  incidents: new Map(),
  timelines: new Map(),
  evidence: new Map(),
  watch: new Map(),
  busy: new Set(),
});

export const inboxStore = createStore<InboxState>(initial());

function messageOf(err: unknown): string {
  return err instanceof ApiError ? err.message : String(err);
}

function failure<T>(err: unknown): Loaded<T> {
  if (err instanceof ApiError && err.status === 403)
    return { status: 'forbidden', data: null, error: err.message };
  if (err instanceof ApiError && err.status === 404)
    return { status: 'notFound', data: null, error: err.message };
  return { status: 'error', data: null, error: messageOf(err) };
}

function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): Map<K, V> {
  const next = new Map(map);
  next.set(key, value);
  return next;
}

function upsertTasks(tasks: readonly DepartmentTask[]): void {
  inboxStore.set((s) => {
    const fetched = new Map(s.fetched);
    for (const task of tasks) {
      const have = fetched.get(task.id);
      if (!have || Date.parse(task.updatedAt) >= Date.parse(have.updatedAt)) fetched.set(task.id, task);
    }
    const opened = s.opened && tasks.some((t) => t.id === s.opened?.id) ? null : s.opened;
    return { ...s, fetched, opened };
  });
}

export async function loadTaskList(): Promise<void> {
  inboxStore.set((s) => ({ ...s, list: { status: 'loading', error: null } }));
  try {
    const { tasks } = await call(routes.tasks.list, { query: { limit: 200 } });
    upsertTasks(tasks);
    inboxStore.set((s) => ({ ...s, list: { status: 'ready', error: null } }));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return;
    inboxStore.set((s) => ({ ...s, list: { status: 'error', error: messageOf(err) } }));
  }
}

/** Whether the task is anywhere on this page: the inbox's reads or the live store. */
function holds(id: string): boolean {
  return inboxStore.get().fetched.has(id) || consoleStore.get().tasks.has(id);
}

/** Opens a task: from the list, or by id from a link (read from the server to learn if we may). */
async function open(id: string | null): Promise<void> {
  inboxStore.set((s) => ({ ...s, selectedId: id, opened: null }));
  if (!id || holds(id)) return;
  inboxStore.set((s) => ({ ...s, opened: { id, status: 'loading', error: null } }));
  try {
    upsertTasks([await call(routes.tasks.get, { params: { id } })]);
  } catch (err) {
    if (inboxStore.get().selectedId !== id) return;
    const f = failure<DepartmentTask>(err);
    const status = f.status === 'forbidden' || f.status === 'notFound' ? f.status : 'error';
    inboxStore.set((s) => ({ ...s, opened: { id, status, error: f.error } }));
  }
}

/** Selects a task and records it in the address, so the page can be reloaded or linked to. */
export function selectTask(id: string | null): void {
  const hash = id ? `#/tasks/${id}` : '';
  if (window.location.hash !== hash) {
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
  }
  void open(id);
}

export function ensureIncident(id: string, force = false): void {
  if (consoleStore.get().incidents.has(id) && !force) return;
  const have = inboxStore.get().incidents.get(id);
  if (have && !force && have.status !== 'error') return;
  inboxStore.set((s) => ({
    ...s,
    incidents: withEntry(s.incidents, id, { status: 'loading', data: have?.data ?? null, error: null }),
  }));
  call(routes.incidents.get, { params: { id } }).then(
    (incident) =>
      inboxStore.set((s) => ({
        ...s,
        incidents: withEntry(s.incidents, id, { status: 'ready', data: incident, error: null }),
      })),
    (err: unknown) =>
      inboxStore.set((s) => ({ ...s, incidents: withEntry(s.incidents, id, failure<Incident>(err)) })),
  );
}

export function loadTimeline(incidentId: string): void {
  const have = inboxStore.get().timelines.get(incidentId);
  inboxStore.set((s) => ({
    ...s,
    timelines: withEntry(s.timelines, incidentId, {
      status: 'loading',
      data: have?.data ?? null,
      error: null,
    }),
  }));
  call(routes.incidents.timeline, { params: { id: incidentId } }).then(
    ({ entries }) =>
      inboxStore.set((s) => ({
        ...s,
        timelines: withEntry(s.timelines, incidentId, { status: 'ready', data: entries, error: null }),
      })),
    (err: unknown) =>
      inboxStore.set((s) => ({
        ...s,
        timelines: withEntry(s.timelines, incidentId, {
          ...failure<readonly TimelineEntry[]>(err),
          data: have?.data ?? null,
        }),
      })),
  );
}

/** 网安: the incident's preserved web pages; kept on screen while a refresh is in flight or fails. */
export function loadEvidence(incidentId: string): void {
  const have = inboxStore.get().evidence.get(incidentId);
  if (!have) {
    inboxStore.set((s) => ({
      ...s,
      evidence: withEntry(s.evidence, incidentId, { status: 'loading', data: null, error: null }),
    }));
  }
  call(routes.evidence.captures, { params: { id: incidentId } }).then(
    ({ captures }) =>
      inboxStore.set((s) => ({
        ...s,
        evidence: withEntry(s.evidence, incidentId, { status: 'ready', data: captures, error: null }),
      })),
    (err: unknown) =>
      inboxStore.set((s) => ({
        ...s,
        evidence: withEntry(s.evidence, incidentId, {
          ...failure<readonly EvidenceCapture[]>(err),
          data: s.evidence.get(incidentId)?.data ?? null,
        }),
      })),
  );
}

/** A protective watch's addresses: personal data, read only on request (the read is audited). */
export function loadWatchAddresses(taskId: string): void {
  inboxStore.set((s) => ({
    ...s,
    watch: withEntry(s.watch, taskId, { status: 'loading', data: null, error: null }),
  }));
  call(routes.tasks.watchAddresses, { params: { id: taskId } }).then(
    (data) =>
      inboxStore.set((s) => ({
        ...s,
        watch: withEntry(s.watch, taskId, { status: 'ready', data, error: null }),
      })),
    (err: unknown) =>
      inboxStore.set((s) => ({ ...s, watch: withEntry(s.watch, taskId, failure<WatchAddresses>(err)) })),
  );
}

export function hideWatchAddresses(taskId: string): void {
  inboxStore.set((s) => {
    const watch = new Map(s.watch);
    watch.delete(taskId);
    return { ...s, watch };
  });
}

function describe(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 403) return i18n.t('inbox.forbiddenAction');
    if (err.status === 409) return i18n.t('inbox.conflict', { message: err.message });
    if (err.code === 'network' || err.code === 'timeout')
      return i18n.t('toast.failed', { message: i18n.t('errors.network') });
  }
  return i18n.t('toast.failed', { message: messageOf(err) });
}

type Action = 'acknowledge' | 'progress' | 'done';

async function command(
  task: DepartmentTask,
  action: Action,
  run: () => Promise<DepartmentTask>,
  success: string,
): Promise<boolean> {
  const key = `${task.id}:${action}`;
  if (inboxStore.get().busy.has(key)) return false;
  inboxStore.set((s) => ({ ...s, busy: new Set(s.busy).add(key) }));
  try {
    upsertTasks([await run()]);
    toast('success', success);
    return true;
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) toast('error', describe(err));
    // Someone else may have moved it: read it again so the page shows where it stands.
    call(routes.tasks.get, { params: { id: task.id } }).then(
      (t) => upsertTasks([t]),
      () => undefined,
    );
    return false;
  } finally {
    inboxStore.set((s) => {
      const busy = new Set(s.busy);
      busy.delete(key);
      return { ...s, busy };
    });
  }
}

const kindLabel = (task: DepartmentTask) => i18n.t(`taskKind.${task.kind}`);

export const inboxActions = {
  /** Takes the task: stops its escalation ladder. */
  acknowledge: (task: DepartmentTask) =>
    command(
      task,
      'acknowledge',
      () => call(routes.tasks.acknowledge, { params: { id: task.id } }),
      i18n.t('inbox.toastAcknowledged', { kind: kindLabel(task) }),
    ),
  progress: (task: DepartmentTask, note: string) =>
    command(
      task,
      'progress',
      () => call(routes.tasks.progress, { params: { id: task.id }, body: { note } }),
      i18n.t('inbox.toastProgress'),
    ),
  done: (task: DepartmentTask, note: string) =>
    command(
      task,
      'done',
      () => call(routes.tasks.done, { params: { id: task.id }, body: note ? { note } : {} }),
      i18n.t('inbox.toastDone', { kind: kindLabel(task) }),
    ),
};

/** Starts the inbox: the list, and the task named in the address (now and when it changes). */
export function startInbox(): () => void {
  inboxStore.set(initial());
  void loadTaskList();
  const onHash = () => void open(taskIdFromHash(window.location.hash));
  onHash();
  window.addEventListener('hashchange', onHash);
  return () => {
    window.removeEventListener('hashchange', onHash);
    inboxStore.set(initial());
  };
}
