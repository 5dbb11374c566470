import { randomUUID } from 'node:crypto';
import type { CreateAlert, CreateApplicationRequest } from '@shared/api/alert';
import { type Incident, UNACKED_STEPS } from '@shared/domain/incident';
import { derivePriority, isDistress } from '@shared/domain/priority';
import type { z } from 'zod';
import { appendAudit } from '../audit/auditLog';
import { actorOf, type Principal } from '../auth/principal';
import type { Database } from '../db/database';
import { errors } from '../http/errors';
import { incidentRooms } from '../incidents/incidentAudience';
import { toIncident } from '../incidents/incidentMapper';
import { addTimelineEvent, findIncident } from '../incidents/incidentRepository';
import { jobs, type OutboxJob } from '../jobs/jobCatalog';
import { alertsAccepted } from '../observability/metrics';
import { appendOutbox } from '../outbox/outboxWriter';
import { nextReference } from './referenceNumber';

export interface RaiseResult {
  incident: Incident;
  /** True when the Idempotency-Key was seen before and the first incident is returned. */
  replayed: boolean;
}

function idempotencyScope(principal: Principal): string {
  return actorOf(principal);
}

async function findReplay(db: Database, scope: string, key: string): Promise<Incident | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select('incident_id')
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? findIncident(db, row.incident_id) : undefined;
}

function isUniqueViolation(err: unknown): boolean {
  return (
    typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === '23505'
  );
}

function jobsForNewIncident(incident: Incident, ladderS: readonly number[]): OutboxJob[] {
  const planned = [jobs.linkage(incident.id)];
  // An application (wrongful discipline, a smear) is 维权办's, not the wall's: no alarm ladder.
  if (isDistress(incident.priority) && incident.source !== 'application') {
    UNACKED_STEPS.forEach((step, i) => {
      planned.push(jobs.unacked(incident.id, step, (ladderS[i] ?? 60) * 1000));
    });
  }
  return planned;
}

/**
 * Records an alert as a new incident. The incident, its first timeline entry, the outbox rows
 * that announce it and its audit row commit in one transaction before the caller hears 201;
 * the relay does the rest, so a crash after the answer loses nothing.
 */
export async function raiseAlert(
  db: Database,
  principal: Principal,
  input: CreateAlert,
  meta: { idempotencyKey?: string; requestId: string; unackedLadderS: readonly number[] },
  now = new Date(),
): Promise<RaiseResult> {
  const scope = idempotencyScope(principal);
  if (meta.idempotencyKey) {
    const existing = await findReplay(db, scope, meta.idempotencyKey);
    if (existing) return { incident: existing, replayed: true };
  }
  const actor = actorOf(principal);
  const user = principal.kind === 'user' ? principal.user : null;
  try {
    const incident = await db.transaction().execute(async (trx) => {
      const id = randomUUID();
      const priority = derivePriority(input);
      const row = await trx
        .insertInto('incidents')
        .values({
          id,
          reference: await nextReference(trx, now),
          category: input.category,
          status: 'new',
          priority,
          source: input.source,
          lat: input.position?.lat ?? null,
          lng: input.position?.lng ?? null,
          accuracy_m: input.position?.accuracyM ?? null,
          address: input.address ?? null,
          occurred_at: input.occurredAt ?? now,
          officers: JSON.stringify(input.officers),
          injured: input.injured,
          vehicle_involved: input.vehicleInvolved,
          on_road: input.onRoad,
          ongoing: input.ongoing,
          content_urls: JSON.stringify(input.contentUrls),
          description: input.description,
          raised_by_user_id: user?.id ?? null,
          raised_by_unit_id: user?.unitId ?? null,
          raised_by_device_id: principal.kind === 'device' ? principal.deviceId : null,
          raised_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (meta.idempotencyKey) {
        await trx
          .insertInto('idempotency_keys')
          .values({ scope, key: meta.idempotencyKey, incident_id: id })
          .execute();
      }
      const created = toIncident(row);
      await addTimelineEvent(trx, id, actor, 'raised', { source: input.source, priority }, now);
      await appendOutbox(trx, {
        topic: 'incident',
        data: created,
        rooms: await incidentRooms(trx, id),
        jobs: jobsForNewIncident(created, meta.unackedLadderS),
        // An application never sounds the alarm, whatever its priority would say.
        alarm: isDistress(created.priority) && created.source !== 'application' ? 'new_alert' : undefined,
      });
      await appendAudit(trx, {
        actor,
        action: 'incident.raise',
        target: `incident:${id}`,
        outcome: 'success',
        requestId: meta.requestId,
        details: { category: input.category, priority, source: input.source },
      });
      return created;
    });
    alertsAccepted.inc({ source: input.source, priority: String(incident.priority) });
    return { incident, replayed: false };
  } catch (err) {
    // Two retries racing with one key: the loser returns the winner's incident.
    if (meta.idempotencyKey && isUniqueViolation(err)) {
      const existing = await findReplay(db, scope, meta.idempotencyKey);
      if (existing) return { incident: existing, replayed: true };
    }
    throw err;
  }
}

/**
 * Files a rights-protection application (第十二条): recorded like an alert (reference, timeline,
 * audit, idempotency) so 维权办 can work it, but with source 'application', so its audience is
 * 维权办 and the applicant (incidentRooms), never the dispatch wall, and no alarm or
 * unacknowledged ladder runs. The linkage gives 维权办 the application_review task.
 */
export function fileApplication(
  db: Database,
  principal: Principal,
  input: z.output<typeof CreateApplicationRequest>,
  meta: { idempotencyKey?: string; requestId: string },
): Promise<RaiseResult> {
  if (principal.kind !== 'user') throw errors.forbidden('an application is filed by a person, not a device');
  return raiseAlert(
    db,
    principal,
    {
      category: input.category,
      source: 'application',
      address: '维权申请（无现场）',
      officers: input.officers,
      injured: false,
      vehicleInvolved: false,
      onRoad: false,
      ongoing: false,
      contentUrls: input.contentUrls,
      description: input.description,
      ...(input.occurredAt ? { occurredAt: input.occurredAt } : {}),
    },
    { ...meta, unackedLadderS: [] },
  );
}
