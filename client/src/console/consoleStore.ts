import type { CloseRequest } from '@shared/api/dispatch';
import { routes } from '@shared/api/routes';
import type { ClientConfig } from '@shared/api/snapshot';
import type { Incident } from '@shared/domain/incident';
import type { IncidentStatus } from '@shared/domain/incidentStatus';
import { type AlarmReporter, createAlarmReporter } from '@shared/events/alarmReporter';
import { alarmOf, type DistressAlarm } from '@shared/events/distressAlarm';
import { createPositionsReporter, type PositionsReporter } from '@shared/events/positionsReporter';
import { SystemStatus } from '@shared/events/socketEvents';
import type { StreamEvent } from '@shared/events/streamEvent';
import { call } from '../api/call';
import { ApiError } from '../api/http';
import { createStore } from '../common/store';
import { i18n } from '../i18n';
import { CATCH_UP_PAGES, type CatchUp, catchUpDue, catchUpStart } from '../realtime/catchUp';
import { type ConsoleSocket, connectSocket, isPositionBatch } from '../realtime/socket';
import { askResume, parseStreamBatch, parseStreamEvent } from '../realtime/stream';
import { freshEvents, resumeSeq } from '../realtime/streamCursor';
import { checkSession, sessionStore } from '../session/sessionStore';
import {
  addPending,
  applyResume,
  applySnapshot,
  beginResync,
  type ConnectionState,
  endResync,
  initialConsoleState,
  raiseCheckinAlarm,
  receiveLiveEvents,
  removePending,
  setConnection,
  upsertAssignments,
  upsertIncident,
} from './consoleState';
import { shouldRecover, watchdog } from './deliveryWatchdog';
import { detailActions } from './detailStore';
import { positionStore } from './positions';
import { toast } from './uiStore';

/**
 * The console's live data: one store, changed only through the pure functions of
 * consoleState.ts. This module does the I/O around them:
 *
 *   login → GET /snapshot ──────────────┐
 *   socket connect ─→ sync:v1:resume ───┼─→ consoleStore ─→ React (useStore) and the map
 *   stream:v1:event (buffered while a   │
 *   snapshot or resume is in flight) ───┘
 *   units:v1:positions ─→ positionStore (outside React; the map moves markers itself)
 */
export const consoleStore = createStore(initialConsoleState());

export type ConfigState =
  | { status: 'loading' }
  | { status: 'ready'; config: ClientConfig }
  | { status: 'fallback'; config: ClientConfig };

/** 赣县区's centre, used when the server's client config cannot be read. */
export const FALLBACK_CONFIG: ClientConfig = {
  tileUrl: '',
  demo: false,
  mapCentre: { lat: 25.8607, lng: 115.0116, zoom: 11 },
};

export const configStore = createStore<ConfigState>({ status: 'loading' });

/** Called for every distress alarm received; the server is told once they all have run. */
const alarmListeners = new Set<(incident: Incident) => void>();
export function onDistressAlarm(listener: (incident: Incident) => void): () => void {
  alarmListeners.add(listener);
  return () => alarmListeners.delete(listener);
}

/** Early warnings as they fire or change (第三十五条); the warnings panel validates what it hears. */
const warningListeners = new Set<(raw: unknown) => void>();
export function onWarningChange(listener: (raw: unknown) => void): () => void {
  warningListeners.add(listener);
  return () => warningListeners.delete(listener);
}
/** Reconnections: the warnings panel reloads its list, since warning events are not replayed. */
const reconnectListeners = new Set<() => void>();
export function onReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

/** Offline after this long without the server, or at once when the browser says so. */
const OFFLINE_AFTER_MS = 30_000;
const RESUME_TIMEOUT_MS = 10_000;
const WATCHDOG_TICK_MS = 1000;
const SNAPSHOT_RETRY_MS = [2_000, 5_000, 10_000, 30_000];

interface Session {
  socket: ConsoleSocket;
  /** Bumped on every connect, so an answer for an earlier connection is dropped. */
  generation: number;
  snapshotInFlight: boolean;
  reloadsInARow: number;
  snapshotFailures: number;
  offlineTimer: ReturnType<typeof setTimeout> | null;
  retryTimer: ReturnType<typeof setTimeout> | null;
  /** Epoch ms of the last thing heard on the socket (status, event, alarm, positions). */
  lastHeardAt: number;
  watchdogTimer: ReturnType<typeof setInterval> | null;
  /** Tells the server which distress alarms this console sounded (console:v1:applied). */
  alarms: AlarmReporter;
  /** Tells the server the last position batch applied (console:v1:positions), so it sends more. */
  positions: PositionsReporter;
  catchUp: CatchUp;
  catchingUp: boolean;
  stopped: boolean;
}

let session: Session | null = null;

function connection(next: ConnectionState): void {
  consoleStore.set((s) => setConnection(s, next, Date.now()));
}

function armOfflineTimer(s: Session): void {
  if (s.offlineTimer) return;
  s.offlineTimer = setTimeout(() => {
    s.offlineTimer = null;
    if (!s.stopped && !s.socket.connected) connection('offline');
  }, OFFLINE_AFTER_MS);
}

function clearOfflineTimer(s: Session): void {
  if (s.offlineTimer) clearTimeout(s.offlineTimer);
  s.offlineTimer = null;
}

async function loadConfig(): Promise<void> {
  try {
    const config = await call(routes.console.clientConfig, {});
    configStore.set({ status: 'ready', config });
  } catch (err) {
    console.warn('client config unavailable, using the district defaults', err);
    configStore.set({ status: 'fallback', config: FALLBACK_CONFIG });
  }
}

/** Loads the snapshot (holding live events meanwhile), then resumes from its headSeq. */
async function loadSnapshot(s: Session): Promise<void> {
  if (s.snapshotInFlight || s.stopped) return;
  s.snapshotInFlight = true;
  consoleStore.set(beginResync);
  try {
    const snapshot = await call(routes.console.snapshot, {}, { timeoutMs: 60_000 });
    if (s.stopped) return;
    s.snapshotFailures = 0;
    consoleStore.set((state) => applySnapshot(state, snapshot));
    positionStore.seedFromUnits(snapshot.units);
    s.snapshotInFlight = false;
    // Events published between the snapshot's read and the socket's subscription would be
    // missed without this: resuming from headSeq replays them (and is cheap when there are none).
    // Not connected yet: the connect handler resumes.
    if (s.socket.connected) void resume(s);
  } catch (err) {
    s.snapshotInFlight = false;
    if (s.stopped || (err instanceof ApiError && err.status === 401)) return;
    const message = err instanceof ApiError ? err.message : String(err);
    consoleStore.set((state) => ({ ...state, loadError: message }));
    const delay = SNAPSHOT_RETRY_MS[Math.min(s.snapshotFailures, SNAPSHOT_RETRY_MS.length - 1)] ?? 30_000;
    s.snapshotFailures++;
    if (s.retryTimer) clearTimeout(s.retryTimer);
    s.retryTimer = setTimeout(() => {
      s.retryTimer = null;
      void loadSnapshot(s);
    }, delay);
  }
}

/** Asks the server for everything since a reorder window before our newest seq; reloads the snapshot if it cannot. */
async function resume(s: Session): Promise<void> {
  const generation = s.generation;
  consoleStore.set(beginResync);
  connection('resyncing');
  const answer = await askResume(
    s.socket,
    resumeSeq(consoleStore.get().cursor, Date.now()),
    RESUME_TIMEOUT_MS,
  );
  if (s.stopped || generation !== s.generation || !s.socket.connected) return;
  if (!answer) {
    console.warn('resume failed; reloading the snapshot');
    return reload(s);
  }
  const { state, reload: mustReload } = applyResume(consoleStore.get(), answer, Date.now());
  consoleStore.set(state);
  for (const e of answer.events) if (e.topic === 'unit') positionStore.seedFromUnits([e.data]);
  if (mustReload) return reload(s);
  s.reloadsInARow = 0;
}

async function reload(s: Session): Promise<void> {
  s.reloadsInARow++;
  if (s.reloadsInARow > 2) {
    // The server keeps saying the gap is too long even right after a snapshot: go live on what
    // we have rather than loop; the next reconnect tries again.
    consoleStore.set((state) => endResync(state, Date.now()));
    return;
  }
  if (s.reloadsInARow === 1 && consoleStore.get().loaded) toast('info', i18n.t('toast.snapshotReloaded'));
  await loadSnapshot(s);
}

/** Runs the delivery watchdog: turns red on silence or broken delivery, catches up when it heals. */
function checkDelivery(s: Session): void {
  const now = Date.now();
  consoleStore.set((state) => watchdog(state, s.lastHeardAt, now));
  if (s.socket.connected && shouldRecover(consoleStore.get(), s.lastHeardAt, now)) void resume(s);
  else void catchUp(s, now);
}

/** Replays, quietly, what a live console may have missed since its last check (realtime/catchUp.ts). */
async function catchUp(s: Session, now: number): Promise<void> {
  const state = consoleStore.get();
  if (s.catchingUp || !s.socket.connected || state.connection !== 'live' || state.buffering) return;
  const due = catchUpDue(s.catchUp, state.cursor, now);
  if (!due.ask) {
    s.catchUp = due.catchUp;
    return;
  }
  s.catchingUp = true;
  const generation = s.generation;
  try {
    // A busy half-minute is more than one answer holds: page through from where each ended.
    let from = due.from;
    for (let page = 0; page < CATCH_UP_PAGES; page++) {
      const answer = await askResume(s.socket, from, RESUME_TIMEOUT_MS);
      if (!answer || s.stopped || generation !== s.generation) return;
      applyStreamEvents(freshEvents(answer.events, consoleStore.get().cursor));
      if (answer.complete) {
        s.catchUp = { from: due.next, at: Date.now() };
        return;
      }
      from = answer.headSeq;
    }
    s.catchUp = catchUpStart();
    void reload(s);
  } finally {
    s.catchingUp = false;
  }
}

/** A stream event from the socket or a catch-up: applied (or held), and the views told. */
function applyStreamEvents(events: readonly StreamEvent[]): void {
  if (events.length === 0) return;
  consoleStore.set((state) => receiveLiveEvents(state, events, Date.now()));
  for (const event of events) {
    if (event.topic === 'unit') positionStore.seedFromUnits([event.data]);
    else detailActions.recordChanged(event.topic === 'incident' ? event.data.id : event.data.incidentId);
  }
}

/**
 * A distress alarm (it rides on its incident's stream event): shown even while the stream holds
 * that event back for a gap to fill, sounded, and confirmed.
 */
function soundAlarm(s: Session, { incident, reason, seq }: DistressAlarm): void {
  consoleStore.set((state) =>
    reason === 'checkin_missed'
      ? raiseCheckinAlarm(state, incident, Date.now())
      : upsertIncident(state, incident),
  );
  for (const listener of [...alarmListeners]) listener(incident);
  // Only an alarm that was shown and sounded is confirmed: the supervisor view counts the
  // consoles that did not confirm in time as lagging.
  s.alarms.sounded(seq);
}

function wire(s: Session): void {
  const { socket } = s;
  socket.onAny(() => {
    s.lastHeardAt = Date.now();
  });
  s.watchdogTimer = setInterval(() => checkDelivery(s), WATCHDOG_TICK_MS);

  socket.on('connect', () => {
    s.lastHeardAt = Date.now();
    s.generation++;
    s.catchUp = catchUpStart();
    clearOfflineTimer(s);
    for (const listener of [...reconnectListeners]) listener();
    // A snapshot in flight resumes when it lands; without one yet, load it; else resume.
    if (s.snapshotInFlight) return;
    if (!consoleStore.get().loaded) void loadSnapshot(s);
    else void resume(s);
  });

  socket.on('disconnect', (reason) => {
    s.generation++;
    consoleStore.set(beginResync);
    connection(navigator.onLine ? 'reconnecting' : 'offline');
    armOfflineTimer(s);
    // The server closed the connection on purpose (a session ended, for instance): ask who we
    // are; a 401 returns to the login page, anything else reconnects.
    if (reason === 'io server disconnect') {
      void checkSession().then(() => {
        if (s.stopped || sessionStore.get().status !== 'authenticated') return;
        setTimeout(() => {
          if (!s.stopped) socket.connect();
        }, 1000);
      });
    }
  });

  socket.on('connect_error', (err) => {
    if (consoleStore.get().connection === 'live') connection('reconnecting');
    armOfflineTimer(s);
    // A refused handshake is how socket.io reports a bad or missing cookie.
    if (/auth|unauthori[sz]ed|session|401/i.test(err.message)) void checkSession();
  });

  const receive = (events: StreamEvent[]) => {
    applyStreamEvents(events);
    for (const event of events) {
      const alarm = alarmOf(event);
      if (alarm) soundAlarm(s, alarm);
    }
  };
  socket.on('stream:v1:event', (raw) => {
    const event = parseStreamEvent(raw);
    if (event) receive([event]);
  });
  socket.on('stream:v1:batch', (raw) => receive(parseStreamBatch(raw)));

  socket.on('warnings:v1:changed', (raw) => {
    for (const listener of [...warningListeners]) listener(raw);
  });

  socket.on('units:v1:positions', (batch) => {
    if (!isPositionBatch(batch)) return;
    positionStore.applyBatch(batch);
    s.positions.applied(batch.n);
  });

  socket.on('system:v1:status', (raw) => {
    const parsed = SystemStatus.safeParse(raw);
    if (!parsed.success) return;
    consoleStore.set((state) => ({ ...state, system: parsed.data }));
    checkDelivery(s);
  });
}

/** Starts loading and listening for the logged-in user; the returned function stops it all. */
export function startConsole(): () => void {
  stopConsole();
  consoleStore.set(initialConsoleState());
  positionStore.clear();
  detailActions.reset();
  configStore.set({ status: 'loading' });
  void loadConfig();

  const socket = connectSocket();
  const s: Session = {
    socket,
    generation: 0,
    snapshotInFlight: false,
    reloadsInARow: 0,
    snapshotFailures: 0,
    offlineTimer: null,
    retryTimer: null,
    lastHeardAt: Date.now(),
    watchdogTimer: null,
    alarms: createAlarmReporter((report) => socket.emit('console:v1:applied', report)),
    positions: createPositionsReporter((report) => socket.emit('console:v1:positions', report)),
    catchUp: catchUpStart(),
    catchingUp: false,
    stopped: false,
  };
  session = s;
  wire(s);
  void loadSnapshot(s);

  const onOffline = () => connection('offline');
  const onOnline = () => {
    if (socket.connected) {
      // The connection survived the outage (the browser may keep a socket open while offline):
      // anything may have been missed meanwhile, so catch up before calling the data live.
      void resume(s);
      return;
    }
    connection('reconnecting');
    socket.connect();
  };
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  const stop = () => {
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
  };
  stopListeners = stop;
  return stopConsole;
}

let stopListeners: (() => void) | null = null;

export function stopConsole(): void {
  stopListeners?.();
  stopListeners = null;
  if (!session) return;
  const s = session;
  session = null;
  s.stopped = true;
  clearOfflineTimer(s);
  if (s.retryTimer) clearTimeout(s.retryTimer);
  if (s.watchdogTimer) clearInterval(s.watchdogTimer);
  s.alarms.stop();
  s.positions.stop();
  s.socket.removeAllListeners();
  s.socket.disconnect();
}

/** Retry button of the loading-error state. */
export function retrySnapshot(): void {
  if (session) void loadSnapshot(session);
}

// ---------------------------------------------------------------------------------------------
// Commands. Each shows its effect at once (an optimistic overlay on the incident), then lets the
// server's answer and the sequenced events replace it; a failure removes the overlay.

export function describeError(err: unknown): string {
  if (!(err instanceof ApiError)) return i18n.t('toast.failed', { message: String(err) });
  if (err.code === 'forbidden') return i18n.t('toast.forbidden');
  if (err.code === 'conflict') return i18n.t('toast.conflict', { message: err.message });
  if (err.code === 'network' || err.code === 'timeout')
    return i18n.t('toast.failed', { message: i18n.t('errors.network') });
  if (err.code === 'protocol') return i18n.t('toast.failed', { message: i18n.t('errors.protocol') });
  return i18n.t('toast.failed', { message: err.message });
}

type Outcome<T> = { ok: true; value: T } | { ok: false };

async function withOverlay<T>(
  incidentId: string,
  status: IncidentStatus | null,
  run: () => Promise<T>,
): Promise<Outcome<T>> {
  if (status) {
    consoleStore.set((state) =>
      addPending(state, incidentId, {
        status,
        ...(status === 'acknowledged' ? { acknowledgedAt: new Date().toISOString() } : {}),
      }),
    );
  }
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) toast('error', describeError(err));
    return { ok: false };
  } finally {
    if (status) consoleStore.set((state) => removePending(state, incidentId));
  }
}

const inFlight = new Set<string>();

export function isCommandInFlight(key: string): boolean {
  return inFlight.has(key);
}

export const actions = {
  async acknowledge(incident: Incident): Promise<void> {
    const key = `ack:${incident.id}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    const result = await withOverlay(incident.id, 'acknowledged', () =>
      call(routes.incidents.acknowledge, { params: { id: incident.id } }),
    );
    inFlight.delete(key);
    if (!result.ok) return;
    const acknowledged = result.value;
    consoleStore.set((state) => upsertIncident(state, acknowledged));
    toast('success', i18n.t('toast.acknowledged', { reference: incident.reference }));
    detailActions.recordChanged(incident.id);
  },

  async dispatch(incident: Incident, unitIds: string[]): Promise<boolean> {
    if (unitIds.length === 0) return false;
    const optimistic: IncidentStatus | null =
      incident.status === 'new' || incident.status === 'acknowledged' ? 'dispatched' : null;
    const result = await withOverlay(incident.id, optimistic, () =>
      call(routes.dispatch.dispatch, { params: { id: incident.id }, body: { unitIds } }),
    );
    if (!result.ok) return false;
    const { assignments, incident: updated } = result.value;
    consoleStore.set((state) => {
      const next = upsertAssignments(state, assignments);
      return upsertIncident(next, updated);
    });
    toast('success', i18n.t('toast.dispatched', { count: assignments.length || unitIds.length }));
    detailActions.recordChanged(incident.id);
    void detailActions.loadRecommendations(incident.id, incident.priority);
    return true;
  },

  async addNote(incident: Incident, text: string): Promise<boolean> {
    const result = await withOverlay(incident.id, null, () =>
      call(routes.dispatch.addNote, { params: { id: incident.id }, body: { text } }),
    );
    if (!result.ok) return false;
    const updated = result.value;
    consoleStore.set((state) => upsertIncident(state, updated));
    toast('success', i18n.t('toast.noteSaved'));
    void detailActions.loadTimeline(incident.id);
    return true;
  },

  async close(incident: Incident, request: CloseRequest): Promise<boolean> {
    const status: IncidentStatus =
      request.outcome === 'false_alarm'
        ? 'false_alarm'
        : request.outcome === 'cancelled'
          ? 'cancelled'
          : 'closed';
    const result = await withOverlay(incident.id, status, () =>
      call(routes.dispatch.close, { params: { id: incident.id }, body: request }),
    );
    if (!result.ok) return false;
    const updated = result.value;
    consoleStore.set((state) => upsertIncident(state, updated));
    toast('success', i18n.t('toast.closed', { reference: incident.reference }));
    void detailActions.loadTimeline(incident.id);
    return true;
  },

  async checkIn(incident: Incident): Promise<boolean> {
    const key = `checkin:${incident.id}`;
    if (inFlight.has(key)) return false;
    inFlight.add(key);
    const result = await withOverlay(incident.id, null, () =>
      call(routes.dispatch.checkIn, { params: { id: incident.id } }),
    );
    inFlight.delete(key);
    if (!result.ok) return false;
    const updated = result.value;
    consoleStore.set((state) => upsertIncident(state, updated));
    toast('success', i18n.t('checkin.confirmed', { reference: incident.reference }));
    void detailActions.loadTimeline(incident.id);
    return true;
  },
};
