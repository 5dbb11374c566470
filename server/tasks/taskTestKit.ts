import type { DepartmentTask } from '@shared/domain/task';
import type { StreamEvent } from '@shared/events/streamEvent';
import type { Database } from '../db/database';
import { DEMO_DEVICE_KEY, type TestSocket } from '../testing/testRuntime';
import { toTask } from './taskMapper';

/** Test helpers shared by the linkage, task, delivery and evidence tests. */

export const RAMMING_ALERT = {
  category: 'vehicle_ramming',
  source: 'call_110',
  position: { lat: 25.8607, lng: 115.0116 },
  address: '赣县区 梅林大道（测试）',
  injured: true,
  vehicleInvolved: true,
  onRoad: true,
};

export async function postAlert(
  baseUrl: string,
  body: Record<string, unknown>,
  auth: { cookie: string } | null = null,
): Promise<{ id: string }> {
  const res = await fetch(`${baseUrl}/api/v1/alerts`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(auth ? { cookie: auth.cookie } : { authorization: `Bearer ${DEMO_DEVICE_KEY}` }),
    },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`alert refused: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

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

export function recordEvents(socket: TestSocket): StreamEvent[] {
  const events: StreamEvent[] = [];
  socket.on('stream:v1:event', (e) => events.push(e));
  return events;
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
