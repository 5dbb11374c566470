import type { CreateAlert } from '@shared/api/alert';
import type { MeResponse } from '@shared/api/auth';
import type { AssignmentAction } from '@shared/api/dispatch';
import { routes } from '@shared/api/routes';
import type { Snapshot } from '@shared/api/snapshot';
import type { Assignment, AssignmentStatus } from '@shared/domain/assignment';
import type { InfringementCategory } from '@shared/domain/category';
import type { Incident } from '@shared/domain/incident';
import { TERMINAL_STATUSES } from '@shared/domain/incidentStatus';
import type { Unit } from '@shared/domain/unit';
import type { StreamEvent } from '@shared/events/streamEvent';
import { haversineM } from '@shared/geo/distance';
import { call } from '../api/call';
import { ApiError } from '../api/http';
import { createStore } from '../common/store';
import { type ConsoleSocket, connectSocket } from '../realtime/socket';
import { askResume, holdEvent, parseStreamBatch, parseStreamEvent } from '../realtime/stream';
import { advanceCursor, cursorAt, freshEvents, resumeSeq, type StreamCursor } from '../realtime/streamCursor';
import { sessionExpired } from '../session/sessionStore';
import { enqueue, openQueue, type QueuedAction, type QueueResult, retryNow } from './actionQueue';
import { chirp } from './fieldAlert';

/** Seconds the phone counts down after an SOS fires, during which a cancel records a false activation. */
export const SOS_COUNTDOWN_S = 5;
/** At most one position report this often, unless the phone moved further than REPORT_MOVE_M. */
const REPORT_EVERY_MS = 5000;
const REPORT_MOVE_M = 25;

export type FieldConnection = 'connecting' | 'live' | 'offline';
export type GeoState = 'off' | 'waiting' | 'ok' | 'denied' | 'unavailable';

export type SosState =
  | { phase: 'idle' }
  | { phase: 'countdown'; localId: string; firedAt: number; covert: boolean; category: InfringementCategory }
  | { phase: 'sent'; localId: string; covert: boolean; cancelled: boolean; category: InfringementCategory };

export type FieldNotice =
  | { kind: 'refused'; message: string }
  | { kind: 'sosCancelled' }
  | { kind: 'dutyRefused'; message: string };

export interface Fix {
  lat: number;
  lng: number;
  accuracyM: number;
  at: number;
}

export interface FieldState {
  user: MeResponse['user'];
  loaded: boolean;
  loadError: boolean;
  unit: Unit | null;
  incidents: Record<string, Incident>;
  assignments: Record<string, Assignment>;
  /** Answers made on the phone and not yet confirmed by the server (queued while offline). */
  overlay: Record<string, AssignmentStatus>;
  cursor: StreamCursor;
  connection: FieldConnection;
  fix: Fix | null;
  geo: GeoState;
  sos: SosState;
  covert: boolean;
  notice: FieldNotice | null;
  /** The incident evidence goes to; null picks the current assignment's or the latest SOS. */
  evidenceIncidentId: string | null;
}

const COVERT_KEY = 'shieldline.field.covert';

function readCovert(): boolean {
  try {
    return localStorage.getItem(COVERT_KEY) === '1';
  } catch {
    return false;
  }
}

export const fieldStore = createStore<FieldState | null>(null);

function update(patch: Partial<FieldState> | ((s: FieldState) => Partial<FieldState>)): void {
  fieldStore.set((s) => (s ? { ...s, ...(typeof patch === 'function' ? patch(s) : patch) } : s));
}

const RANK: Partial<Record<AssignmentStatus, number>> = { accepted: 1, en_route: 2, on_scene: 3, cleared: 4 };
const ACTION_STATUS: Record<AssignmentAction, AssignmentStatus> = {
  accept: 'accepted',
  en_route: 'en_route',
  on_scene: 'on_scene',
  clear: 'cleared',
  decline: 'declined',
};
const ACTIVE: ReadonlySet<AssignmentStatus> = new Set(['pending', 'accepted', 'en_route', 'on_scene']);

/** The status an assignment shows on the phone: the server's, or a newer answer still on its way. */
export function effectiveStatus(s: FieldState, a: Assignment): AssignmentStatus {
  return s.overlay[a.id] ?? a.status;
}

/** The unit's assignments still open, newest first. */
export function openAssignments(s: FieldState): Assignment[] {
  const unitId = s.user.unitId;
  return Object.values(s.assignments)
    .filter((a) => a.unitId === unitId && ACTIVE.has(effectiveStatus(s, a)))
    .sort((a, b) => b.dispatchedAt.localeCompare(a.dispatchedAt));
}

/** Assignments that must still be acknowledged: they ring until the officer accepts. */
export function ringing(s: FieldState): Assignment[] {
  return openAssignments(s).filter((a) => effectiveStatus(s, a) === 'pending');
}

/** Open incidents the officer can add evidence to: assigned ones and the officer's own alerts. */
export function evidenceTargets(s: FieldState): Incident[] {
  const assigned = new Set(openAssignments(s).map((a) => a.incidentId));
  return Object.values(s.incidents)
    .filter((i) => !TERMINAL_STATUSES.has(i.status) && (assigned.has(i.id) || i.raisedByUserId === s.user.id))
    .sort((a, b) => b.intervals.raisedAt.localeCompare(a.intervals.raisedAt));
}

export function evidenceTarget(s: FieldState): Incident | null {
  const targets = evidenceTargets(s);
  return targets.find((i) => i.id === s.evidenceIncidentId) ?? targets[0] ?? null;
}

export const onDuty = (s: FieldState) => s.unit !== null && s.unit.status !== 'out_of_service';

// ---------------------------------------------------------------- applying server state

function applyAssignment(s: FieldState, a: Assignment): Partial<FieldState> {
  const overlay = { ...s.overlay };
  const mine = overlay[a.id];
  // The server caught up with (or overtook, or cancelled) what the phone showed.
  if (mine && ((RANK[a.status] ?? -1) >= (RANK[mine] ?? 99) || !ACTIVE.has(a.status) || a.status === mine)) {
    delete overlay[a.id];
  }
  return { assignments: { ...s.assignments, [a.id]: a }, overlay };
}

function applyEvent(event: StreamEvent): void {
  applyEvents([event]);
}

/** Sequenced events, once each and in seq order (the shared stream rules). */
function applyEvents(events: readonly StreamEvent[]): void {
  update((s) => {
    const fresh = freshEvents(events, s.cursor);
    if (fresh.length === 0) return {};
    let view: FieldState = { ...s, cursor: advanceCursor(s.cursor, fresh, Date.now()) };
    for (const event of fresh) {
      let next: Partial<FieldState> = {};
      switch (event.topic) {
        case 'incident':
          next = { incidents: { ...view.incidents, [event.data.id]: event.data } };
          break;
        case 'assignment':
          next = applyAssignment(view, event.data);
          break;
        case 'unit':
          if (event.data.id === view.user.unitId) next = { unit: event.data };
          break;
      }
      view = { ...view, ...next };
    }
    return view;
  });
}

function applySnapshot(snapshot: Snapshot): void {
  update((s) => {
    let next: Partial<FieldState> = {
      loaded: true,
      loadError: false,
      cursor: cursorAt(snapshot.headSeq),
      incidents: Object.fromEntries(snapshot.incidents.map((i) => [i.id, i])),
      assignments: {},
      unit: snapshot.units.find((u) => u.id === s.user.unitId) ?? s.unit,
    };
    let view: FieldState = { ...s, ...next };
    for (const a of snapshot.assignments) {
      next = { ...next, ...applyAssignment(view, a) };
      view = { ...view, ...next };
    }
    return next;
  });
}

function applyResult(_action: QueuedAction, result: QueueResult): void {
  update((s) => {
    switch (result.kind) {
      case 'incident': {
        const known = s.incidents[result.incident.id];
        if (known && known.version >= result.incident.version) return {};
        return { incidents: { ...s.incidents, [result.incident.id]: result.incident } };
      }
      case 'assignment': {
        const known = s.assignments[result.assignment.id];
        if (known && known.updatedAt > result.assignment.updatedAt) return {};
        return applyAssignment(s, result.assignment);
      }
      case 'unit':
        return { unit: result.unit };
    }
  });
}

function refused(action: QueuedAction, error: ApiError): void {
  update((s) => {
    const overlay = { ...s.overlay };
    if (action.kind === 'respond') delete overlay[action.assignmentId];
    return {
      overlay,
      notice:
        action.kind === 'duty'
          ? { kind: 'dutyRefused', message: error.message }
          : { kind: 'refused', message: error.message },
    };
  });
}

// ---------------------------------------------------------------- the session

interface Session {
  socket: ConsoleSocket;
  loading: boolean;
  held: StreamEvent[];
  closeQueue: () => void;
  watchId: number | null;
  lastReport: { fix: Fix; sentAt: number } | null;
  countdown: ReturnType<typeof setTimeout> | null;
}

let session: Session | null = null;

async function loadSnapshot(s: Session): Promise<void> {
  s.loading = true;
  try {
    applySnapshot(await call(routes.console.snapshot, {}, { timeoutMs: 30_000 }));
    applyEvents(s.held.splice(0));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return;
    update({ loadError: true });
    setTimeout(() => session === s && void loadSnapshot(s), 3000);
    return;
  } finally {
    s.loading = false;
  }
  if (s.socket.connected) void resume(s);
}

async function resume(s: Session): Promise<void> {
  const answer = await askResume(
    s.socket,
    resumeSeq(fieldStore.get()?.cursor ?? cursorAt(0), Date.now()),
    10_000,
  );
  if (session !== s) return;
  if (!answer?.complete) {
    void loadSnapshot(s);
    return;
  }
  applyEvents(answer.events);
  if (s.socket.connected) update({ connection: 'live' });
}

function reportPosition(s: Session, fix: Fix): void {
  const last = s.lastReport;
  const now = Date.now();
  if (last && now - last.sentAt < REPORT_EVERY_MS && haversineM(last.fix, fix) < REPORT_MOVE_M) return;
  if (!s.socket.connected) return;
  s.lastReport = { fix, sentAt: now };
  // Positions are throwaway: a lost one is replaced by the next, so they are not queued offline.
  s.socket.volatile.emit('unit:v1:position', {
    lat: fix.lat,
    lng: fix.lng,
    accuracyM: Math.round(fix.accuracyM),
    at: new Date(fix.at).toISOString(),
  });
}

/** Position reporting runs while the unit is on duty and pauses off duty. */
function syncGeo(): void {
  const s = session;
  const state = fieldStore.get();
  if (!s || !state) return;
  const want = state.loaded && onDuty(state);
  if (want && s.watchId === null) {
    if (!('geolocation' in navigator)) {
      if (state.geo !== 'unavailable') update({ geo: 'unavailable' });
      return;
    }
    // The watch id is taken before the store changes, as this runs on every store change.
    s.watchId = navigator.geolocation.watchPosition(
      (p) => {
        const fix = {
          lat: p.coords.latitude,
          lng: p.coords.longitude,
          accuracyM: p.coords.accuracy,
          at: p.timestamp,
        };
        update({ fix, geo: 'ok' });
        reportPosition(s, fix);
      },
      (err) => update({ geo: err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 },
    );
    update({ geo: state.fix ? 'ok' : 'waiting' });
  } else if (!want && s.watchId !== null) {
    navigator.geolocation.clearWatch(s.watchId);
    s.watchId = null;
    update({ geo: 'off' });
  }
}

/** Starts the field app's connection for the logged-in officer; returns its stop. */
export function startField(user: MeResponse['user']): () => void {
  fieldStore.set({
    user,
    loaded: false,
    loadError: false,
    unit: null,
    incidents: {},
    assignments: {},
    overlay: {},
    cursor: cursorAt(0),
    connection: 'connecting',
    fix: null,
    geo: 'off',
    sos: { phase: 'idle' },
    covert: readCovert(),
    notice: null,
    evidenceIncidentId: null,
  });
  const socket = connectSocket();
  const s: Session = {
    socket,
    loading: false,
    held: [],
    closeQueue: () => {},
    watchId: null,
    lastReport: null,
    countdown: null,
  };
  session = s;
  socket.on('connect', () => {
    update({ connection: 'connecting' });
    retryNow();
    // A fix taken while the socket was down goes out now (a still phone gets no new one).
    const fix = fieldStore.get()?.fix;
    if (fix && s.watchId !== null) reportPosition(s, fix);
    if (!s.loading) void resume(s);
  });
  socket.on('disconnect', () => update({ connection: 'offline' }));
  socket.on('connect_error', (err) => {
    update({ connection: 'offline' });
    if (/log in|authentication|unauth/i.test(err.message)) sessionExpired();
  });
  socket.on('stream:v1:event', (raw) => {
    // The field app trusts what arrives no more than the console: every event is parsed.
    const event = parseStreamEvent(raw);
    if (!event) return;
    if (s.loading) s.held = [...holdEvent(s.held, event, fieldStore.get()?.cursor ?? cursorAt(0))];
    else applyEvent(event);
  });
  socket.on('stream:v1:batch', (raw) => {
    const events = parseStreamBatch(raw);
    if (s.loading) {
      const cursor = fieldStore.get()?.cursor ?? cursorAt(0);
      for (const event of events) s.held = [...holdEvent(s.held, event, cursor)];
    } else applyEvents(events);
  });
  s.closeQueue = openQueue(user.id, { onResult: applyResult, onRefused: refused });
  const unsubscribe = fieldStore.subscribe(syncGeo);
  // Volatile reports may be dropped: the last fix is offered again now and then.
  const heartbeat = setInterval(() => {
    const fix = fieldStore.get()?.fix;
    if (fix && s.watchId !== null) reportPosition(s, fix);
  }, 15_000);
  void loadSnapshot(s);
  return () => {
    unsubscribe();
    clearInterval(heartbeat);
    s.closeQueue();
    if (s.watchId !== null) navigator.geolocation.clearWatch(s.watchId);
    if (s.countdown) clearTimeout(s.countdown);
    socket.removeAllListeners();
    socket.disconnect();
    session = null;
    fieldStore.set(null);
  };
}

// ---------------------------------------------------------------- commands

export function respond(assignment: Assignment, action: AssignmentAction): void {
  update((s) => ({ overlay: { ...s.overlay, [assignment.id]: ACTION_STATUS[action] } }));
  enqueue({ kind: 'respond', assignmentId: assignment.id, action });
}

export function setDuty(next: boolean): void {
  update((s) => (s.unit ? { unit: { ...s.unit, status: next ? 'available' : 'out_of_service' } } : {}));
  enqueue({ kind: 'duty', onDuty: next });
}

export function setCovert(covert: boolean): void {
  try {
    localStorage.setItem(COVERT_KEY, covert ? '1' : '0');
  } catch {
    // remembered for this page only
  }
  update({ covert });
}

export function chooseEvidenceIncident(id: string): void {
  update({ evidenceIncidentId: id });
}

export function dismissNotice(): void {
  update({ notice: null });
}

function sosBody(s: FieldState): CreateAlert {
  const fix = s.fix && Date.now() - s.fix.at < 5 * 60_000 ? s.fix : null;
  const last = s.unit?.position ?? null;
  const where = fix ?? last;
  const who = `${s.unit?.callSign ?? ''} ${s.user.displayName}`.trim();
  return {
    category: 'violent_attack',
    source: 'sos_button',
    ...(where
      ? {
          position: {
            lat: where.lat,
            lng: where.lng,
            ...(where.accuracyM !== undefined ? { accuracyM: Math.round(where.accuracyM) } : {}),
          },
        }
      : {}),
    ...(fix ? {} : { address: last ? `${who}：手机未定位，使用单位最后已知位置` : `${who}：位置不明` }),
    officers: [{ userId: s.user.id }],
    injured: false,
    vehicleInvolved: false,
    onRoad: false,
    ongoing: true,
    contentUrls: [],
    description: `一键求助 SOS · ${who}${s.covert ? ' · 隐蔽求助：请勿回拨 (covert: do not call back)' : ''}`,
  };
}

/** The hold completed: the alert goes out at once, and the countdown offers a cancel. */
export function fireSos(): void {
  const s = fieldStore.get();
  if (!s || !session || s.sos.phase === 'countdown') return;
  const action = enqueue({
    kind: 'sos',
    localId: crypto.getRandomValues(new Uint32Array(2)).join('-'),
    body: sosBody(s),
  });
  if (action.kind !== 'sos') return;
  const { localId } = action;
  if (!s.covert) {
    navigator.vibrate?.([300, 120, 300]);
    chirp();
  }
  update({
    sos: { phase: 'countdown', localId, firedAt: Date.now(), covert: s.covert, category: 'violent_attack' },
  });
  const own = session;
  if (own.countdown) clearTimeout(own.countdown);
  own.countdown = setTimeout(() => {
    own.countdown = null;
    update((st) =>
      st.sos.phase === 'countdown' && st.sos.localId === localId
        ? {
            sos: {
              phase: 'sent',
              localId,
              covert: st.sos.covert,
              cancelled: false,
              category: st.sos.category,
            },
          }
        : {},
    );
  }, SOS_COUNTDOWN_S * 1000);
}

/** A mistaken press: recorded by the server as a false activation, never silently dropped. */
export function cancelSos(): void {
  const s = fieldStore.get();
  if (s?.sos.phase !== 'countdown') return;
  const { localId, covert, category, firedAt } = s.sos;
  if (session?.countdown) clearTimeout(session.countdown);
  enqueue({ kind: 'cancel_sos', localId, afterS: Math.round((Date.now() - firedAt) / 100) / 10 });
  update({
    sos: { phase: 'sent', localId, covert, cancelled: true, category },
    notice: { kind: 'sosCancelled' },
  });
}

export function refineSos(category: InfringementCategory): void {
  const s = fieldStore.get();
  if (!s || s.sos.phase === 'idle' || s.sos.category === category) return;
  enqueue({ kind: 'refine_sos', localId: s.sos.localId, category });
  update({ sos: { ...s.sos, category } });
}

export function closeSos(): void {
  update((s) => (s.sos.phase === 'sent' ? { sos: { phase: 'idle' } } : {}));
}
