import { randomUUID } from 'node:crypto';
import type { AssignmentAction, CloseRequest } from '@shared/api/dispatch';
import type { Assignment, AssignmentStatus } from '@shared/domain/assignment';
import type { Incident } from '@shared/domain/incident';
import { type IncidentStatus, TERMINAL_STATUSES } from '@shared/domain/incidentStatus';
import { isDistress } from '@shared/domain/priority';
import { unitActionKind } from '@shared/domain/timeline';
import type { UnitStatus } from '@shared/domain/unit';
import type { Kysely } from 'kysely';
import { assertUnit, can } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/database';
import type { DB } from '../db/schema';
import { errors } from '../http/errors';
import { changeIncident, type IncidentChange } from '../incidents/incidentCommands';
import { jobs } from '../jobs/jobCatalog';
import {
  ACTIVE_ASSIGNMENTS,
  announceAssignment,
  announceUnit,
  loadAssignment,
  standDownUnits,
} from './dispatchEvents';

const ACTIVE: AssignmentStatus[] = [...ACTIVE_ASSIGNMENTS];

/**
 * A pending assignment for one unit, the unit marked assigned, and both announced; the
 * assignment also queues Web Push and, if still unanswered later, SMS/IM (server/push).
 */
async function assignUnit(
  trx: Kysely<DB>,
  principal: Principal,
  incidentId: string,
  unitId: string,
  now: Date,
): Promise<Assignment> {
  const id = randomUUID();
  await trx
    .insertInto('assignments')
    .values({
      id,
      incident_id: incidentId,
      unit_id: unitId,
      status: 'pending',
      dispatched_by_user_id: principal.kind === 'user' ? principal.user.id : null,
      dispatched_at: now,
      updated_at: now,
    })
    .execute();
  await trx
    .updateTable('units')
    .set({ status: 'assigned', updated_at: now })
    .where('id', '=', unitId)
    .execute();
  await announceUnit(trx, unitId);
  return announceAssignment(trx, id, [jobs.assignmentNotify(id)]);
}

/** Nothing more happens on a closed, cancelled or false-alarm incident: no units sent, no second close. */
function refuseIfEnded(current: Incident): void {
  if (TERMINAL_STATUSES.has(current.status))
    throw errors.conflict(`incident ${current.reference} is already ${current.status}`);
}

/**
 * Sends units to an incident: an assignment per unit, pushed to its phone; the units become
 * assigned; the incident becomes dispatched (which also counts as acknowledged).
 */
export async function dispatchUnits(
  db: Database,
  principal: Principal,
  incidentId: string,
  unitIds: string[],
  requestId: string | null,
): Promise<{ incident: Incident; assignments: Assignment[] }> {
  const now = new Date();
  const assignments: Assignment[] = [];
  const incident = await changeIncident(
    db,
    principal,
    incidentId,
    (current) => {
      refuseIfEnded(current);
      return {
        kind: 'dispatched',
        status: current.status === 'new' || current.status === 'acknowledged' ? 'dispatched' : undefined,
        set: current.intervals.acknowledgedAt
          ? {}
          : {
              acknowledged_at: now,
              acknowledged_by_user_id: principal.kind === 'user' ? principal.user.id : null,
            },
        details: { unitIds },
        also: async (trx) => {
          const units = await trx
            .selectFrom('units')
            .selectAll()
            .where('id', 'in', unitIds)
            .forUpdate()
            .execute();
          const busy = units.filter((u) => u.status !== 'available');
          if (units.length !== new Set(unitIds).size) throw errors.notFound('unit');
          if (busy.length) {
            throw errors.conflict(
              `not available: ${busy.map((u) => `${u.call_sign} (${u.status})`).join(', ')}`,
            );
          }
          for (const unit of units) {
            assignments.push(await assignUnit(trx, principal, incidentId, unit.id, now));
          }
        },
      };
    },
    requestId,
    now,
  );
  return { incident, assignments };
}

const ASSIGNMENT_NEXT: Record<
  AssignmentAction,
  { from: AssignmentStatus[]; to: AssignmentStatus; unit: UnitStatus }
> = {
  accept: { from: ['pending'], to: 'accepted', unit: 'assigned' },
  decline: { from: ['pending'], to: 'declined', unit: 'available' },
  en_route: { from: ['pending', 'accepted'], to: 'en_route', unit: 'en_route' },
  on_scene: { from: ['pending', 'accepted', 'en_route'], to: 'on_scene', unit: 'on_scene' },
  clear: { from: ['accepted', 'en_route', 'on_scene'], to: 'cleared', unit: 'available' },
};

/** How far along an answered assignment is; an answer at or behind it has already happened. */
const PROGRESS: Partial<Record<AssignmentStatus, number>> = {
  accepted: 1,
  en_route: 2,
  on_scene: 3,
  cleared: 4,
};

class AlreadyDone extends Error {}

/**
 * Answers are idempotent: repeating one whose effect is already there (a replayed accept on an
 * accepted, en-route or on-scene assignment; a second decline) changes nothing and succeeds.
 */
export function alreadyDone(status: AssignmentStatus, action: AssignmentAction): boolean {
  if (action === 'decline') return status === 'declined';
  const have = PROGRESS[status];
  const want = PROGRESS[ASSIGNMENT_NEXT[action].to];
  return have !== undefined && want !== undefined && have >= want;
}

/**
 * A unit answers its assignment (or a dispatcher records the answer for it). The first unit
 * en route and on scene stamp the incident's intervals; when every unit has left, a
 * dispatched incident goes back to acknowledged so it shows as needing units again.
 */
export async function respondToAssignment(
  db: Database,
  principal: Principal,
  assignmentId: string,
  action: AssignmentAction,
  requestId: string | null,
  options: { checkinIntervalS: number },
): Promise<Assignment> {
  const existing = await loadAssignment(db, assignmentId);
  if (!existing) throw errors.notFound('assignment');
  assertUnit(principal, existing.unitId);
  // A phone replaying a queued answer after a lost reply: already done is answered, not refused.
  if (alreadyDone(existing.status, action)) return existing;
  const rule = ASSIGNMENT_NEXT[action];
  const now = new Date();
  let result: Assignment | undefined;
  const raced = await changeIncident(
    db,
    principal,
    existing.incidentId,
    (current) => {
      let status: IncidentStatus | undefined;
      if (action === 'on_scene' && current.status === 'dispatched') status = 'on_scene';
      // Units at a distress scene must check in on a timer; the first arrival starts it.
      const startCheckin = action === 'on_scene' && isDistress(current.priority) && !current.checkInDueAt;
      const checkinDue = new Date(now.getTime() + options.checkinIntervalS * 1000);
      return {
        ...(startCheckin ? { jobs: [jobs.checkin(current.id, checkinDue)] } : {}),
        kind: unitActionKind(action),
        status,
        set: {
          ...(action === 'en_route' && !current.intervals.firstEnRouteAt ? { first_en_route_at: now } : {}),
          ...(startCheckin ? { checkin_due_at: checkinDue } : {}),
          ...(action === 'on_scene' && !current.intervals.firstOnSceneAt
            ? {
                first_on_scene_at: now,
                ...(current.intervals.firstEnRouteAt ? {} : { first_en_route_at: now }),
              }
            : {}),
        },
        details: { assignmentId, unitId: existing.unitId },
        also: async (trx) => {
          const row = await trx
            .selectFrom('assignments')
            .select('status')
            .where('id', '=', assignmentId)
            .forUpdate()
            .executeTakeFirstOrThrow();
          if (alreadyDone(row.status, action)) throw new AlreadyDone();
          if (!rule.from.includes(row.status)) {
            throw errors.conflict(`cannot ${action.replace('_', ' ')} an assignment that is ${row.status}`);
          }
          await trx
            .updateTable('assignments')
            .set({ status: rule.to, updated_at: now })
            .where('id', '=', assignmentId)
            .execute();
          await trx
            .updateTable('units')
            .set({ status: rule.unit, updated_at: now })
            .where('id', '=', existing.unitId)
            .execute();
          await announceUnit(trx, existing.unitId);
          result = await announceAssignment(trx, assignmentId);
        },
      };
    },
    requestId,
    now,
  ).then(
    () => false,
    (err: unknown) => {
      if (err instanceof AlreadyDone) return true;
      throw err;
    },
  );
  // The same answer raced in twice: the loser rolled back and answers what the winner wrote.
  if (raced) return (await loadAssignment(db, assignmentId)) ?? existing;
  if (!result) throw new Error('assignment change did not run');
  await recallIfNoUnitsLeft(db, principal, existing.incidentId, requestId);
  return result;
}

async function recallIfNoUnitsLeft(
  db: Database,
  principal: Principal,
  incidentId: string,
  requestId: string | null,
) {
  const active = await db
    .selectFrom('assignments')
    .select('id')
    .where('incident_id', '=', incidentId)
    .where('status', 'in', ACTIVE)
    .executeTakeFirst();
  if (active) return;
  const incident = await db
    .selectFrom('incidents')
    .select('status')
    .where('id', '=', incidentId)
    .executeTakeFirst();
  if (incident?.status !== 'dispatched') return;
  await changeIncident(
    db,
    principal,
    incidentId,
    () => ({ kind: 'units_recalled', status: 'acknowledged' }),
    requestId,
  );
}

export function addNote(
  db: Database,
  principal: Principal,
  incidentId: string,
  text: string,
  requestId: string | null,
) {
  return changeIncident(db, principal, incidentId, () => ({ kind: 'note', details: { text } }), requestId);
}

/**
 * Ends the scene with an outcome, in one transaction: the status change is checked first, then
 * every unit still on the incident is released, and the timeline gets units_released, then
 * controlled (or outcome, when already controlled), then closed. Controlled and offender detained
 * pass through `controlled` (stamping that interval) to `closed`; a false activation and a
 * cancellation end at once. A refused change (409) leaves units and incident as they were.
 */
export async function closeIncident(
  db: Database,
  principal: Principal,
  incidentId: string,
  request: CloseRequest,
  requestId: string | null,
): Promise<Incident> {
  const details = { outcome: request.outcome, ...(request.note ? { note: request.note } : {}) };
  const now = new Date();
  const releaseUnits: IncidentChange['also'] = async (trx, _current, addStep) => {
    const released = await standDownUnits(trx, incidentId, now);
    if (released.length) addStep({ kind: 'units_released', details: { unitIds: released } });
  };
  return changeIncident(
    db,
    principal,
    incidentId,
    (current) => {
      refuseIfEnded(current);
      if (request.outcome === 'false_alarm' || request.outcome === 'cancelled')
        return { kind: 'closed', status: request.outcome, details, also: releaseUnits };
      const controlled = current.status === 'controlled';
      return {
        kind: 'closed',
        status: 'closed',
        via: controlled ? [] : ['controlled'],
        set: { ...(controlled ? {} : { controlled_at: now }), closed_at: now },
        steps: [{ kind: controlled ? 'outcome' : 'controlled', details }],
        details,
        also: releaseUnits,
      };
    },
    requestId,
    now,
  );
}

/**
 * A check-in says the officers at the scene are safe, and silences the missed-check-in alarm:
 * only the command center (on the radio with them) and a unit on that scene may say so, not
 * everyone who may read or annotate the incident.
 */
async function assertMayCheckIn(db: Database, principal: Principal, incidentId: string): Promise<void> {
  if (can(principal, 'incidents:dispatch')) return;
  const unitId =
    principal.kind === 'user' && principal.user.role === 'field_officer' ? principal.user.unitId : null;
  if (unitId) {
    const onScene = await db
      .selectFrom('assignments')
      .select('id')
      .where('incident_id', '=', incidentId)
      .where('unit_id', '=', unitId)
      .where('status', '=', 'on_scene')
      .executeTakeFirst();
    if (onScene) return;
  }
  throw errors.forbidden('only dispatchers, supervisors and units on scene may check in');
}

/**
 * The units at a distress scene report that they are safe; the next check-in falls due one
 * interval from now, and the job for the old due time finds it stale.
 */
export async function checkIn(
  db: Database,
  principal: Principal,
  incidentId: string,
  requestId: string | null,
  options: { checkinIntervalS: number },
) {
  await assertMayCheckIn(db, principal, incidentId);
  const now = new Date();
  const due = new Date(now.getTime() + options.checkinIntervalS * 1000);
  return changeIncident(
    db,
    principal,
    incidentId,
    (current) => {
      if (current.status !== 'on_scene')
        throw errors.conflict(`no check-in runs while the incident is ${current.status}`);
      return {
        kind: 'checkin',
        set: { checkin_due_at: due },
        details: { nextDueAt: due.toISOString() },
        jobs: [jobs.checkin(incidentId, due)],
      };
    },
    requestId,
    now,
  );
}

/**
 * Replaces one unit on an incident with another in one step: the old assignment is cancelled
 * and its unit freed, the new unit gets the assignment pushed, all in one transaction.
 */
export async function reassign(
  db: Database,
  principal: Principal,
  assignmentId: string,
  newUnitId: string,
  requestId: string | null,
): Promise<{ incident: Incident; assignment: Assignment }> {
  const existing = await loadAssignment(db, assignmentId);
  if (!existing) throw errors.notFound('assignment');
  const now = new Date();
  let created: Assignment | undefined;
  const incident = await changeIncident(
    db,
    principal,
    existing.incidentId,
    (current) => {
      refuseIfEnded(current);
      return {
        kind: 'reassigned',
        details: { assignmentId, fromUnitId: existing.unitId, toUnitId: newUnitId },
        also: async (trx) => {
          const old = await trx
            .selectFrom('assignments')
            .select('status')
            .where('id', '=', assignmentId)
            .forUpdate()
            .executeTakeFirstOrThrow();
          if (!ACTIVE.includes(old.status)) throw errors.conflict(`the assignment is already ${old.status}`);
          const unit = await trx
            .selectFrom('units')
            .selectAll()
            .where('id', '=', newUnitId)
            .forUpdate()
            .executeTakeFirst();
          if (!unit) throw errors.notFound('unit');
          if (unit.status !== 'available')
            throw errors.conflict(`not available: ${unit.call_sign} (${unit.status})`);
          await trx
            .updateTable('assignments')
            .set({ status: 'cancelled', updated_at: now })
            .where('id', '=', assignmentId)
            .execute();
          await trx
            .updateTable('units')
            .set({ status: 'available', updated_at: now })
            .where('id', '=', existing.unitId)
            .execute();
          await announceUnit(trx, existing.unitId);
          await announceAssignment(trx, assignmentId);
          created = await assignUnit(trx, principal, existing.incidentId, newUnitId, now);
        },
      };
    },
    requestId,
    now,
  );
  if (!created) throw new Error('reassignment did not run');
  return { incident, assignment: created };
}
