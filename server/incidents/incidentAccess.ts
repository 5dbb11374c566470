import { sql } from 'kysely';
import { can } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/database';
import { errors } from '../http/errors';

/**
 * Ids of the incidents a principal may see, or 'all'. A field officer sees what its unit
 * raised, was sent to or was paged for (the unacknowledged-alarm ladder asks the nearest units
 * to go; they receive its live events, so they may read it too); department staff see incidents
 * their department has a task for. Keep in step with incidentRooms, which decides who hears.
 */
export async function visibleIncidentIds(db: Database, principal: Principal): Promise<'all' | Set<string>> {
  if (can(principal, 'incidents:read_all')) return 'all';
  if (principal.kind !== 'user') return new Set();
  const { user } = principal;
  const ids = new Set<string>();
  if (user.unitId) {
    const unitId = user.unitId;
    const [raised, assigned] = await Promise.all([
      db
        .selectFrom('incidents')
        .select('id')
        .where((eb) =>
          eb.or([
            eb('raised_by_unit_id', '=', unitId),
            eb('raised_by_user_id', '=', user.id),
            sql<boolean>`paged_unit_ids @> ${JSON.stringify([unitId])}::jsonb`,
          ]),
        )
        .execute(),
      db.selectFrom('assignments').select('incident_id').where('unit_id', '=', unitId).execute(),
    ]);
    for (const r of raised) ids.add(r.id);
    for (const a of assigned) ids.add(a.incident_id);
  }
  if (user.departmentId) {
    const tasks = await db
      .selectFrom('department_tasks')
      .select('incident_id')
      .where('department_id', '=', user.departmentId)
      .execute();
    for (const t of tasks) ids.add(t.incident_id);
  }
  return ids;
}

export async function assertCanSeeIncident(
  db: Database,
  principal: Principal,
  incidentId: string,
): Promise<void> {
  const visible = await visibleIncidentIds(db, principal);
  if (visible !== 'all' && !visible.has(incidentId))
    throw errors.forbidden('this incident belongs to another unit or department');
}
