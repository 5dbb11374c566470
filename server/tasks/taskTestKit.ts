import type { CreateAlertRequest } from '@shared/api/alert';
import type { Incident } from '@shared/domain/incident';
import type { DepartmentTask } from '@shared/domain/task';
import type { Database } from '../db/database';
import { raiseAlert } from '../testing/alerts';
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

export { RAMMING_ALERT } from '../testing/alerts';
export { recordEvents } from '../testing/socketEvents';

/**
 * The raw form the tests written beside the route-table change still use (relay, re-plan,
 * dispatch close, webhook failures); new tests use testClient's typed calls instead.
 */
export async function postAlert(
  baseUrl: string,
  body: CreateAlertRequest,
  auth: { cookie: string } | null = null,
): Promise<Incident> {
  return raiseAlert(baseUrl, body, auth ? { caller: auth.cookie } : {});
}

export async function api(
  baseUrl: string,
  method: string,
  path: string,
  cookie: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
