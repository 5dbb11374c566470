import type { DepartmentId } from '@shared/domain/department';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema';
import { departmentRoom, ROOM_ALL, unitRoom, userRoom } from '../realtime/rooms';

/**
 * Who may see an incident: the command center (not for an application, which is 维权办's), whoever raised it, the units sent to it and
 * the departments working a task for it. Decided inside the writing transaction, so the
 * outbox row carries the audience as it was when the change committed.
 */
export async function incidentRooms(trx: Kysely<DB>, incidentId: string): Promise<string[]> {
  // One statement, not three: it runs in every incident change's transaction.
  const incident = await trx
    .selectFrom('incidents')
    .select((eb) => [
      'raised_by_user_id',
      'raised_by_unit_id',
      'paged_unit_ids',
      'source',
      eb
        .selectFrom('assignments')
        .select(sql<string[] | null>`array_agg(unit_id::text)`.as('ids'))
        .whereRef('assignments.incident_id', '=', 'incidents.id')
        .as('assigned_unit_ids'),
      eb
        .selectFrom('department_tasks')
        .select(sql<string[] | null>`array_agg(department_id::text)`.as('ids'))
        .whereRef('department_tasks.incident_id', '=', 'incidents.id')
        .as('task_department_ids'),
    ])
    .where('id', '=', incidentId)
    .executeTakeFirstOrThrow();
  // An application (第十二条) is 维权办's, not the dispatch wall's: no ROOM_ALL.
  const rooms = incident.source === 'application' ? [departmentRoom('rights_office')] : [ROOM_ALL];
  if (incident.raised_by_user_id) rooms.push(userRoom(incident.raised_by_user_id));
  if (incident.raised_by_unit_id) rooms.push(unitRoom(incident.raised_by_unit_id));
  for (const unitId of incident.paged_unit_ids) rooms.push(unitRoom(unitId));
  for (const unitId of incident.assigned_unit_ids ?? []) rooms.push(unitRoom(unitId));
  for (const departmentId of incident.task_department_ids ?? [])
    rooms.push(departmentRoom(departmentId as DepartmentId));
  return [...new Set(rooms)];
}
