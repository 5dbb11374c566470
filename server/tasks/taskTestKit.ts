import type { DepartmentTask } from '@shared/domain/task';
import type { Database } from '../db/database';
import { toTask } from './taskMapper';

/** What the linkage, task, delivery and evidence tests read of an incident straight from the database. */

export async function tasksOf(db: Database, incidentId: string): Promise<DepartmentTask[]> {
  const rows = await db
    .selectFrom('department_tasks')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .execute();
  return rows.map(toTask);
}

export async function timelineKinds(db: Database, incidentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('incident_events')
    .select('kind')
    .where('incident_id', '=', incidentId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.kind);
}
