import type { AlarmReason, Incident } from '@shared/domain/incident';
import { checkTransition, type IncidentStatus } from '@shared/domain/incidentStatus';
import type { TimelineDetails, TimelineKind } from '@shared/domain/timeline';
import type { Kysely, Updateable } from 'kysely';
import { appendAudit } from '../audit/auditLog';
import { actorOf, type Principal } from '../auth/principal';
import type { Database } from '../db/database';
import type { DB, IncidentsTable } from '../db/schema';
import { errors } from '../http/errors';
import type { OutboxJob } from '../jobs/jobCatalog';
import { appendOutbox } from '../outbox/outboxWriter';
import { incidentRooms } from './incidentAudience';
import { type IncidentRow, toIncident } from './incidentMapper';
import { addTimelineEvent, lockIncident } from './incidentRepository';
import { linkageFactsChanged, replanJob } from './replan';

/** A timeline entry (and audit row) written before the change's own, in the same transaction. */
export interface IncidentStep {
  kind: TimelineKind;
  details?: TimelineDetails;
}

export interface IncidentChange {
  /** Timeline kind, also the audit action suffix: acknowledged, note, dispatched, closed… */
  kind: TimelineKind;
  status?: IncidentStatus;
  /** Statuses passed through on the way to `status` (controlled on the way to closed), each transition checked. */
  via?: readonly IncidentStatus[];
  /** Earlier timeline entries this change makes in the same transaction (outcome, controlled). */
  steps?: readonly IncidentStep[];
  set?: Updateable<IncidentsTable>;
  details?: TimelineDetails;
  jobs?: OutboxJob[];
  alarm?: AlarmReason;
  /**
   * Extra writes in the same transaction (assignments, tasks), after the transition is checked
   * and before the outbox row is written; may add timeline steps of its own (units released).
   */
  also?: (trx: Kysely<DB>, current: IncidentRow, addStep: (step: IncidentStep) => void) => Promise<void>;
}

/**
 * The one path by which an incident changes: lock the row, check the transition, write the
 * change, its timeline entry, its outbox event and its audit row in one transaction.
 */
export async function changeIncident(
  db: Database,
  principal: Principal,
  incidentId: string,
  /** Returns null when, seen under the lock, there is nothing to do (a late or repeated job). */
  decide: (current: Incident) => IncidentChange | null,
  requestId: string | null,
  now = new Date(),
): Promise<Incident> {
  const actor = actorOf(principal);
  return db.transaction().execute(async (trx) => {
    const row = await lockIncident(trx, incidentId);
    if (!row) throw errors.notFound('incident');
    const current = toIncident(row);
    const change = decide(current);
    if (!change) return current;
    if (change.status && change.status !== current.status) {
      let from = current.status;
      for (const to of [...(change.via ?? []), change.status]) {
        const verdict = checkTransition(from, to);
        if (!verdict.ok) throw errors.conflict(verdict.reason);
        from = to;
      }
    }
    const steps: IncidentStep[] = [];
    await change.also?.(trx, row, (step) => steps.push(step));
    steps.push(...(change.steps ?? []));
    const updated = await trx
      .updateTable('incidents')
      .set({
        ...change.set,
        ...(change.status ? { status: change.status } : {}),
        updated_at: now,
        version: row.version + 1,
      })
      .where('id', '=', incidentId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const incident = toIncident(updated);
    for (const step of steps) {
      await addTimelineEvent(trx, incidentId, actor, step.kind, step.details ?? {}, now);
      await appendAudit(trx, {
        actor,
        action: `incident.${step.kind}`,
        target: `incident:${incidentId}`,
        outcome: 'success',
        requestId,
        details: { ...step.details },
      });
    }
    await addTimelineEvent(trx, incidentId, actor, change.kind, change.details ?? {}, now);
    await appendOutbox(trx, {
      topic: 'incident',
      data: incident,
      rooms: await incidentRooms(trx, incidentId),
      jobs: linkageFactsChanged(current, incident)
        ? [...(change.jobs ?? []), replanJob(incident)]
        : change.jobs,
      alarm: change.alarm,
    });
    await appendAudit(trx, {
      actor,
      action: `incident.${change.kind}`,
      target: `incident:${incidentId}`,
      outcome: 'success',
      requestId,
      details: { from: current.status, to: incident.status, ...change.details },
    });
    return incident;
  });
}

export function acknowledgeIncident(
  db: Database,
  principal: Principal,
  incidentId: string,
  requestId: string | null,
) {
  const now = new Date();
  return changeIncident(
    db,
    principal,
    incidentId,
    (current) => {
      if (current.status !== 'new') throw errors.conflict(`already ${current.status}`);
      return {
        kind: 'acknowledged',
        status: 'acknowledged',
        set: {
          acknowledged_at: now,
          acknowledged_by_user_id: principal.kind === 'user' ? principal.user.id : null,
        },
      };
    },
    requestId,
    now,
  );
}
