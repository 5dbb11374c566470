import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { departmentRoom, ROOM_ALL, unitRoom, userRoom } from '../realtime/rooms';

/**
 * Who may see an incident: the command center (not for an application, which is 维权办's), whoever raised it, the units sent to it and
 * the departments working a task for it. Decided inside the writing transaction, so the
 * outbox row carries the audience as it was when the change committed.
 */
export async function incidentRooms(trx: Kysely<DB>, incidentId: string): Promise<string[]> {
  const incident = await trx
    .selectFrom('incidents')
    .select(['raised_by_user_id', 'raised_by_unit_id', 'paged_unit_ids', 'source'])
    .where('id', '=', incidentId)
    .executeTakeFirstOrThrow();
  const [assignments, tasks] = await Promise.all([
    trx.selectFrom('assignments').select('unit_id').where('incident_id', '=', incidentId).execute(),
    trx
      .selectFrom('department_tasks')
      .select('department_id')
      .where('incident_id', '=', incidentId)
      .execute(),
  ]);
  // An application (第十二条) is 维权办's, not the dispatch wall's: no ROOM_ALL.
  const rooms = incident.source === 'application' ? [departmentRoom('rights_office')] : [ROOM_ALL];
  if (incident.raised_by_user_id) rooms.push(userRoom(incident.raised_by_user_id));
  if (incident.raised_by_unit_id) rooms.push(unitRoom(incident.raised_by_unit_id));
  for (const unitId of incident.paged_unit_ids) rooms.push(unitRoom(unitId));
  for (const a of assignments) rooms.push(unitRoom(a.unit_id));
  for (const t of tasks) rooms.push(departmentRoom(t.department_id));
  return [...new Set(rooms)];
}
