import { Assignment } from '@shared/domain/assignment';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { OutboxJob } from '../jobs/jobCatalog';
import { appendOutbox } from '../outbox/outboxWriter';
import { ROOM_ALL, unitRoom } from '../realtime/rooms';
import { toUnit } from '../units/unitRepository';

/** Announces a unit's new state to the command center and to the unit itself. */
export async function announceUnit(trx: Kysely<DB>, unitId: string): Promise<void> {
  const row = await trx.selectFrom('units').selectAll().where('id', '=', unitId).executeTakeFirstOrThrow();
  await appendOutbox(trx, { topic: 'unit', data: toUnit(row), rooms: [ROOM_ALL, unitRoom(unitId)] });
}

export async function loadAssignment(trx: Kysely<DB>, id: string): Promise<Assignment | undefined> {
  const row = await trx.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirst();
  return row
    ? Assignment.parse({
        id: row.id,
        incidentId: row.incident_id,
        unitId: row.unit_id,
        status: row.status,
        dispatchedByUserId: row.dispatched_by_user_id,
        dispatchedAt: new Date(row.dispatched_at).toISOString(),
        updatedAt: new Date(row.updated_at).toISOString(),
      })
    : undefined;
}

/** Pushes an assignment to the unit's phone and to every console (with jobs to run once it is committed). */
export async function announceAssignment(
  trx: Kysely<DB>,
  id: string,
  jobs?: OutboxJob[],
): Promise<Assignment> {
  const assignment = await loadAssignment(trx, id);
  if (!assignment) throw new Error(`assignment ${id} vanished inside its own transaction`);
  await appendOutbox(trx, {
    topic: 'assignment',
    data: assignment,
    rooms: [ROOM_ALL, unitRoom(assignment.unitId)],
    jobs,
  });
  return assignment;
}

/** Assignments that still hold their unit. */
export const ACTIVE_ASSIGNMENTS = ['pending', 'accepted', 'en_route', 'on_scene'] as const;

/**
 * Cancels every assignment still active on an incident and frees its unit, announcing both;
 * runs inside the caller's transaction (closing an incident, a cancelled SOS). Returns the
 * units it released.
 */
export async function standDownUnits(trx: Kysely<DB>, incidentId: string, now: Date): Promise<string[]> {
  const active = await trx
    .selectFrom('assignments')
    .select(['id', 'unit_id'])
    .where('incident_id', '=', incidentId)
    .where('status', 'in', ACTIVE_ASSIGNMENTS)
    .execute();
  for (const a of active) {
    await trx
      .updateTable('assignments')
      .set({ status: 'cancelled', updated_at: now })
      .where('id', '=', a.id)
      .execute();
    await trx
      .updateTable('units')
      .set({ status: 'available', updated_at: now })
      .where('id', '=', a.unit_id)
      .execute();
    await announceUnit(trx, a.unit_id);
    await announceAssignment(trx, a.id);
  }
  return active.map((a) => a.unit_id);
}
