import type { Snapshot } from '@shared/api/snapshot';
import type { Assignment } from '@shared/domain/assignment';
import type { Incident } from '@shared/domain/incident';
import type { IncidentStatus } from '@shared/domain/incidentStatus';
import type { DepartmentTask } from '@shared/domain/task';
import type { Unit } from '@shared/domain/unit';
import type { ResumeResponse, SystemStatus } from '@shared/events/socketEvents';
import type { StreamEvent } from '@shared/events/streamEvent';
import { holdEvent } from '../realtime/stream';
import { advanceCursor, cursorAt, freshEvents, type StreamCursor } from '../realtime/streamCursor';

/**
 * The console's copy of the world, and the pure functions that change it. Nothing here does I/O:
 * consoleStore.ts feeds these functions from HTTP and the socket, and the tests feed them directly.
 *
 * The rules:
 * - a snapshot replaces everything and sets the stream cursor to its headSeq;
 * - a stream event is applied only if it is newer than the snapshot and than the version held of
 *   its own record (see realtime/streamCursor.ts), and replaces the whole record with the same id
 *   (an event never patches a field);
 * - while a snapshot or a resume is in flight, live events are buffered and applied after it;
 * - a resume that could not replay the whole gap (`complete: false`) asks for a new snapshot.
 */

/** `stale`: connected, but nothing heard for too long or the server says delivery is broken. */
export const CONNECTION_STATES = [
  'connecting',
  'live',
  'reconnecting',
  'resyncing',
  'stale',
  'offline',
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** A local, not yet confirmed change to an incident, shown until the server's version overtakes it. */
export interface PendingChange {
  status: IncidentStatus;
  acknowledgedAt?: string;
  /** The incident version the change was made on; any newer version from the server replaces it. */
  baseVersion: number;
}

export interface ConsoleState {
  /** Whether a snapshot has ever been applied: before that, views show loading, not empty. */
  loaded: boolean;
  loadError: string | null;
  /** Where this console stands in the stream; `cursor.lastSeq` is the newest seq applied. */
  cursor: StreamCursor;
  /** True while a snapshot or a resume is in flight: live events wait in `buffer`. */
  buffering: boolean;
  buffer: readonly StreamEvent[];
  connection: ConnectionState;
  /** Epoch ms of the last moment the data was known to be live; null if never. */
  lastLiveAt: number | null;
  system: SystemStatus | null;
  incidents: ReadonlyMap<string, Incident>;
  units: ReadonlyMap<string, Unit>;
  assignments: ReadonlyMap<string, Assignment>;
  tasks: ReadonlyMap<string, DepartmentTask>;
  pending: ReadonlyMap<string, PendingChange>;
  /**
   * Missed safety check-ins announced by a distress alarm (reason checkin_missed), by incident.
   * One stays up while the incident is on scene with the same check-in due time as in the alarm:
   * a check-in by anyone moves that time, which clears it on every console.
   */
  checkinAlarms: ReadonlyMap<string, CheckinAlarm>;
}

export interface CheckinAlarm {
  /** The incident's checkInDueAt as the alarm carried it. */
  dueAt: string | null;
  /** Epoch ms when this console received the alarm. */
  receivedAt: number;
}

export function initialConsoleState(): ConsoleState {
  return {
    loaded: false,
    loadError: null,
    cursor: cursorAt(0),
    buffering: true,
    buffer: [],
    connection: 'connecting',
    lastLiveAt: null,
    system: null,
    incidents: new Map(),
    units: new Map(),
    assignments: new Map(),
    tasks: new Map(),
    pending: new Map(),
    checkinAlarms: new Map(),
  };
}

function byId<T extends { id: string }>(records: readonly T[]): Map<string, T> {
  return new Map(records.map((r) => [r.id, r]));
}

/** Drops optimistic overlays that the server's data has overtaken. */
function prunePending(
  pending: ReadonlyMap<string, PendingChange>,
  incidents: ReadonlyMap<string, Incident>,
): ReadonlyMap<string, PendingChange> {
  if (pending.size === 0) return pending;
  let next: Map<string, PendingChange> | null = null;
  for (const [id, change] of pending) {
    const incident = incidents.get(id);
    if (!incident || incident.version > change.baseVersion) {
      next ??= new Map(pending);
      next.delete(id);
    }
  }
  return next ?? pending;
}

function checkinStillMissed(alarm: CheckinAlarm, incident: Incident | undefined): boolean {
  return incident !== undefined && incident.status === 'on_scene' && incident.checkInDueAt === alarm.dueAt;
}

/** Drops check-in alarms whose incident has since been checked in, moved on, or gone. */
function pruneCheckins(
  alarms: ReadonlyMap<string, CheckinAlarm>,
  incidents: ReadonlyMap<string, Incident>,
): ReadonlyMap<string, CheckinAlarm> {
  if (alarms.size === 0) return alarms;
  let next: Map<string, CheckinAlarm> | null = null;
  for (const [id, alarm] of alarms) {
    if (!checkinStillMissed(alarm, incidents.get(id))) {
      next ??= new Map(alarms);
      next.delete(id);
    }
  }
  return next ?? alarms;
}

/** A missed check-in alarm arrived: the incident (as the alarm carried it) and when. */
export function raiseCheckinAlarm(state: ConsoleState, incident: Incident, now: number): ConsoleState {
  const withIncident = upsertIncident(state, incident);
  const current = withIncident.incidents.get(incident.id);
  const alarm: CheckinAlarm = { dueAt: incident.checkInDueAt, receivedAt: now };
  if (!checkinStillMissed(alarm, current)) return withIncident;
  const checkinAlarms = new Map(withIncident.checkinAlarms);
  checkinAlarms.set(incident.id, alarm);
  return { ...withIncident, checkinAlarms };
}

/** Replaces everything with a snapshot. Buffering stays as it was: the caller resumes next. */
export function applySnapshot(state: ConsoleState, snapshot: Snapshot): ConsoleState {
  const incidents = byId(snapshot.incidents);
  return {
    ...state,
    loaded: true,
    loadError: null,
    cursor: cursorAt(snapshot.headSeq),
    incidents,
    units: byId(snapshot.units),
    assignments: byId(snapshot.assignments),
    tasks: byId(snapshot.tasks),
    pending: prunePending(state.pending, incidents),
    checkinAlarms: pruneCheckins(state.checkinAlarms, incidents),
    buffer: state.buffer.filter((e) => e.seq > snapshot.headSeq),
  };
}

interface Draft {
  incidents?: Map<string, Incident>;
  units?: Map<string, Unit>;
  assignments?: Map<string, Assignment>;
  tasks?: Map<string, DepartmentTask>;
}

/**
 * Applies sequenced events in seq order, skipping any not newer than the snapshot or than the
 * version held of their record. Each event replaces its record. The maps are copied at most once.
 */
export function applyEvents(state: ConsoleState, events: readonly StreamEvent[], now: number): ConsoleState {
  const fresh = freshEvents(events, state.cursor);
  if (fresh.length === 0) return state;
  const draft: Draft = {};
  for (const event of fresh) {
    switch (event.topic) {
      case 'incident':
        draft.incidents ??= new Map(state.incidents);
        draft.incidents.set(event.data.id, event.data);
        break;
      case 'unit':
        draft.units ??= new Map(state.units);
        draft.units.set(event.data.id, event.data);
        break;
      case 'assignment':
        draft.assignments ??= new Map(state.assignments);
        draft.assignments.set(event.data.id, event.data);
        break;
      case 'task':
        draft.tasks ??= new Map(state.tasks);
        draft.tasks.set(event.data.id, event.data);
        break;
    }
  }
  const incidents = draft.incidents ?? state.incidents;
  return {
    ...state,
    cursor: advanceCursor(state.cursor, fresh, now),
    incidents,
    units: draft.units ?? state.units,
    assignments: draft.assignments ?? state.assignments,
    tasks: draft.tasks ?? state.tasks,
    pending: draft.incidents ? prunePending(state.pending, incidents) : state.pending,
    checkinAlarms: draft.incidents ? pruneCheckins(state.checkinAlarms, incidents) : state.checkinAlarms,
  };
}

/** A live event from the socket: applied now, or held while a snapshot or resume is in flight. */
export function receiveLiveEvent(state: ConsoleState, event: StreamEvent, now: number): ConsoleState {
  return receiveLiveEvents(state, [event], now);
}

/** A `stream:v1:batch`: the same as its events one by one, in one state change. */
export function receiveLiveEvents(
  state: ConsoleState,
  events: readonly StreamEvent[],
  now: number,
): ConsoleState {
  if (!state.buffering) return applyEvents(state, events, now);
  const cursor = state.loaded ? state.cursor : cursorAt(0);
  let buffer = state.buffer;
  for (const event of events) buffer = holdEvent(buffer, event, cursor);
  return buffer === state.buffer ? state : { ...state, buffer };
}

/** Starts holding live events, before a snapshot load or a resume. */
export function beginResync(state: ConsoleState): ConsoleState {
  return { ...state, buffering: true, connection: state.loaded ? 'resyncing' : state.connection };
}

/** Applies what was held and goes back to applying events as they come. */
export function endResync(state: ConsoleState, now: number): ConsoleState {
  const applied = applyEvents({ ...state, buffering: false, buffer: [] }, state.buffer, now);
  return { ...applied, connection: 'live', lastLiveAt: now };
}

/**
 * Applies the answer to `sync:v1:resume`. When the server could replay the whole gap, the held
 * events follow and the console is live again; when it could not, the caller must reload the
 * snapshot, so the console stays buffering and not live.
 */
export function applyResume(
  state: ConsoleState,
  response: ResumeResponse,
  now: number,
): { state: ConsoleState; reload: boolean } {
  if (!response.complete) {
    return { state: { ...state, buffering: true, connection: 'resyncing' }, reload: true };
  }
  const replayed = applyEvents(state, response.events, now);
  return { state: endResync(replayed, now), reload: false };
}

/** The connection moved: anything but live means the data on screen may be stale. */
export function setConnection(state: ConsoleState, connection: ConnectionState, now: number): ConsoleState {
  if (state.connection === connection) return state;
  const lastLiveAt = state.connection === 'live' ? now : state.lastLiveAt;
  return { ...state, connection, lastLiveAt };
}

/**
 * An incident from an HTTP answer or the distress alarm (not sequenced): it replaces ours only
 * if it is at least as new, so an answer that raced a newer event cannot roll the record back.
 */
export function upsertIncident(state: ConsoleState, incident: Incident): ConsoleState {
  const current = state.incidents.get(incident.id);
  if (current && current.version > incident.version) return state;
  if (current === incident) return state;
  const incidents = new Map(state.incidents);
  incidents.set(incident.id, incident);
  return {
    ...state,
    incidents,
    pending: prunePending(state.pending, incidents),
    checkinAlarms: pruneCheckins(state.checkinAlarms, incidents),
  };
}

/** Assignments from a dispatch answer, kept unless we already hold a newer copy. */
export function upsertAssignments(state: ConsoleState, assignments: readonly Assignment[]): ConsoleState {
  if (assignments.length === 0) return state;
  const next = new Map(state.assignments);
  for (const a of assignments) {
    const current = next.get(a.id);
    if (current && Date.parse(current.updatedAt) > Date.parse(a.updatedAt)) continue;
    next.set(a.id, a);
  }
  return { ...state, assignments: next };
}

/** Shows a change at once; it disappears when a newer version arrives or the request fails. */
export function addPending(
  state: ConsoleState,
  incidentId: string,
  change: Omit<PendingChange, 'baseVersion'>,
) {
  const incident = state.incidents.get(incidentId);
  if (!incident) return state;
  const pending = new Map(state.pending);
  pending.set(incidentId, { ...change, baseVersion: incident.version });
  return { ...state, pending };
}

export function removePending(state: ConsoleState, incidentId: string): ConsoleState {
  if (!state.pending.has(incidentId)) return state;
  const pending = new Map(state.pending);
  pending.delete(incidentId);
  return { ...state, pending };
}

/** The incident as the console shows it: the server's record with any pending local change on top. */
export function viewIncident(incident: Incident, pending: PendingChange | undefined): Incident {
  if (!pending || incident.version > pending.baseVersion) return incident;
  return {
    ...incident,
    status: pending.status,
    intervals: pending.acknowledgedAt
      ? { ...incident.intervals, acknowledgedAt: incident.intervals.acknowledgedAt ?? pending.acknowledgedAt }
      : incident.intervals,
  };
}
