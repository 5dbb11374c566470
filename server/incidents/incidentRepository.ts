import type { Incident } from '@shared/domain/incident';
import type { TimelineDetails, TimelineKind } from '@shared/domain/timeline';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { type IncidentRow, toIncident } from './incidentMapper';

export async function findIncident(db: Kysely<DB>, id: string): Promise<Incident | undefined> {
  const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toIncident(row) : undefined;
}

/** Row lock for the rest of the transaction: changes to one incident happen one at a time, in order. */
export function lockIncident(trx: Kysely<DB>, id: string): Promise<IncidentRow | undefined> {
  return trx.selectFrom('incidents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The references (GX-…) that messages name incidents by, read once for a batch (of tasks, say). */
export async function incidentReferences(
  db: Kysely<DB>,
  incidentIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(incidentIds)];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('incidents').select(['id', 'reference']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.reference]));
}

export async function listOpenIncidents(db: Kysely<DB>): Promise<Incident[]> {
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where('status', 'not in', ['closed', 'cancelled', 'false_alarm'])
    .orderBy('priority')
    .orderBy('raised_at')
    .execute();
  return rows.map(toIncident);
}

export async function addTimelineEvent(
  trx: Kysely<DB>,
  incidentId: string,
  actor: string,
  kind: TimelineKind,
  details: TimelineDetails = {},
  at = new Date(),
): Promise<void> {
  await trx
    .insertInto('incident_events')
    .values({ incident_id: incidentId, at, actor, kind, details: JSON.stringify(details) })
    .execute();
}
