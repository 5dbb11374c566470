import type { Snapshot } from '@shared/api/snapshot';
import type { Assignment } from '@shared/domain/assignment';
import type { Incident } from '@shared/domain/incident';
import type { DepartmentTask } from '@shared/domain/task';
import type { Unit } from '@shared/domain/unit';
import type { StreamEvent } from '@shared/events/streamEvent';

/** Builders for the state tests: valid records by the shared schemas, with a few fields varied. */

export const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const T0 = Date.parse('2026-11-23T08:00:00.000Z');
export const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

export function incident(n: number, patch: Partial<Incident> = {}): Incident {
  return {
    id: uuid(n),
    reference: `GX-20261123-${String(n).padStart(4, '0')}`,
    category: 'violent_attack',
    status: 'new',
    priority: 1,
    source: 'sos_button',
    position: { lat: 25.86, lng: 115.01 },
    address: '赣县区梅林镇',
    occurredAt: at(0),
    officers: [],
    injured: false,
    vehicleInvolved: false,
    onRoad: false,
    ongoing: true,
    mediaAttention: false,
    contentUrls: [],
    description: '',
    raisedByUserId: null,
    raisedByUnitId: null,
    acknowledgedByUserId: null,
    intervals: {
      raisedAt: at(0),
      acknowledgedAt: null,
      firstEnRouteAt: null,
      firstOnSceneAt: null,
      controlledAt: null,
    },
    unackedStep: null,
    pagedUnitIds: [],
    checkInDueAt: null,
    updatedAt: at(0),
    version: 1,
    ...patch,
  };
}

export function unit(n: number, patch: Partial<Unit> = {}): Unit {
  return {
    id: uuid(1000 + n),
    callSign: `GX-${n}`,
    departmentId: 'local_station',
    kind: 'patrol_car',
    status: 'available',
    position: { lat: 25.85, lng: 115.0, at: at(0) },
    ...patch,
  };
}

export function assignment(
  n: number,
  incidentN: number,
  unitN: number,
  patch: Partial<Assignment> = {},
): Assignment {
  return {
    id: uuid(2000 + n),
    incidentId: uuid(incidentN),
    unitId: uuid(1000 + unitN),
    status: 'pending',
    dispatchedByUserId: null,
    dispatchedAt: at(10),
    updatedAt: at(10),
    ...patch,
  };
}

export function task(n: number, incidentN: number, patch: Partial<DepartmentTask> = {}): DepartmentTask {
  return {
    id: uuid(3000 + n),
    incidentId: uuid(incidentN),
    departmentId: 'rights_office',
    kind: 'register_case',
    status: 'queued',
    article: '第十三条',
    ackDeadline: at(600),
    escalationLevel: 0,
    createdAt: at(5),
    updatedAt: at(5),
    ...patch,
  };
}

export function incidentEvent(seq: number, data: Incident): StreamEvent {
  return { seq, eventId: seq, at: at(seq), topic: 'incident', data };
}

export function unitEvent(seq: number, data: Unit): StreamEvent {
  return { seq, eventId: seq, at: at(seq), topic: 'unit', data };
}

export function assignmentEvent(seq: number, data: Assignment): StreamEvent {
  return { seq, eventId: seq, at: at(seq), topic: 'assignment', data };
}

export function taskEvent(seq: number, data: DepartmentTask): StreamEvent {
  return { seq, eventId: seq, at: at(seq), topic: 'task', data };
}

export function snapshot(headSeq: number, patch: Partial<Snapshot> = {}): Snapshot {
  return { headSeq, incidents: [], units: [], assignments: [], tasks: [], ...patch };
}
