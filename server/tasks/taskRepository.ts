import type { DepartmentId } from '@shared/domain/department';
import type { DepartmentTask, TaskStatus } from '@shared/domain/task';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { toTask } from './taskMapper';

export async function findTask(db: Kysely<DB>, id: string): Promise<DepartmentTask | undefined> {
  const row = await db.selectFrom('department_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toTask(row) : undefined;
}

export async function listTasks(
  db: Kysely<DB>,
  filter: { departmentId?: DepartmentId; status?: TaskStatus; incidentId?: string; limit: number },
): Promise<DepartmentTask[]> {
  let query = db.selectFrom('department_tasks').selectAll();
  if (filter.departmentId) query = query.where('department_id', '=', filter.departmentId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.incidentId) query = query.where('incident_id', '=', filter.incidentId);
  const rows = await query.orderBy('created_at', 'desc').limit(filter.limit).execute();
  return rows.map(toTask);
}
