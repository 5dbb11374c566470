import { Assignment } from '@shared/domain/assignment';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { appendOutbox, type OutboxJob } from '../outbox/outboxWriter';
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
