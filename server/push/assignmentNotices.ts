import { createHash } from 'node:crypto';
import type { FieldPushPayload } from '@shared/api/field';
import type { Assignment } from '@shared/domain/assignment';
import type { Principal } from '../auth/principal';
import type { Config } from '../config/env';
import type { Database } from '../db/database';
import { messageGateway } from '../delivery/messageGateway';
import { loadAssignment } from '../dispatch/dispatchEvents';
import { changeIncident } from '../incidents/incidentCommands';
import { findIncident } from '../incidents/incidentRepository';
import { enqueueJob, jobs } from '../jobs/jobCatalog';
import { logger } from '../observability/logger';
import type { Queues } from '../queues/queueRegistry';
import { forgetSubscription, markSubscription, subscriptionsOfUnit } from './pushSubscriptions';
import { vapidKeys } from './vapidKeys';
import { sendWebPush } from './webPush';

const SYSTEM: Principal = { kind: 'system', component: 'assignment-notices' };

export interface NoticeDeps {
  db: Database;
  config: Config;
  queues: Queues;
}

/** Endpoints carry the subscription's secret token: the record keeps the push service's host and a hash. */
function endpointLabel(endpoint: string): string {
  const digest = createHash('sha256').update(endpoint).digest('hex').slice(0, 12);
  try {
    return `${new URL(endpoint).host}#${digest}`;
  } catch {
    return `endpoint#${digest}`;
  }
}

async function recordNotice(
  db: Database,
  assignmentId: string,
  channel: 'push' | 'sms',
  recipient: string,
  outcome: 'success' | 'failure',
  error: string | null = null,
): Promise<void> {
  await db
    .insertInto('assignment_notices')
    .values({ assignment_id: assignmentId, channel, recipient, outcome, error, at: new Date() })
    .execute();
}

async function pushToUnit(deps: NoticeDeps, assignment: Assignment): Promise<number> {
  const subscriptions = await subscriptionsOfUnit(deps.db, assignment.unitId);
  if (!subscriptions.length) return 0;
  const incident = await findIncident(deps.db, assignment.incidentId);
  const payload: FieldPushPayload = {
    type: 'assignment',
    assignmentId: assignment.id,
    incidentId: assignment.incidentId,
    reference: incident?.reference ?? '',
  };
  const keys = await vapidKeys(deps.config.pushDir);
  let delivered = 0;
  for (const sub of subscriptions) {
    const outcome = await sendWebPush(sub, JSON.stringify(payload), {
      keys,
      subject: deps.config.PUSH_SUBJECT,
      timeoutMs: deps.config.PUSH_TIMEOUT_MS,
      ttlS: deps.config.ASSIGNMENT_FALLBACK_S * 2,
      allowLocal: deps.config.PUSH_ALLOW_LOCAL,
    });
    const label = endpointLabel(sub.endpoint);
    if (outcome.ok) {
      delivered++;
      await recordNotice(deps.db, assignment.id, 'push', label, 'success');
      await markSubscription(deps.db, sub.endpoint, null);
    } else {
      // An unreachable push service (the usual case on a police intranet) is not retried: the socket
      // is the primary channel and the SMS/IM fallback follows.
      await recordNotice(deps.db, assignment.id, 'push', label, 'failure', outcome.error);
      if (outcome.gone) await forgetSubscription(deps.db, sub.endpoint);
      else await markSubscription(deps.db, sub.endpoint, outcome.error);
    }
  }
  return delivered;
}

/** `assignment.notify`: Web Push to the unit's phones (where enabled), then schedule the fallback. */
export async function notifyAssignment(deps: NoticeDeps, assignmentId: string): Promise<void> {
  const assignment = await loadAssignment(deps.db, assignmentId);
  if (assignment?.status !== 'pending') return;
  if (deps.config.PUSH_ENABLED) {
    try {
      await pushToUnit(deps, assignment);
    } catch (err) {
      logger.warn({ err, assignmentId }, 'web push to the unit failed');
    }
  }
  await enqueueJob(
    deps.queues,
    jobs.assignmentFallback(assignmentId, deps.config.ASSIGNMENT_FALLBACK_S * 1000),
  );
}

/**
 * `assignment.fallback`: an assignment still not accepted after ASSIGNMENT_FALLBACK_S goes to the
 * unit by SMS/IM through the linkage workers' message gateway, and the timeline says so. The
 * text names no person or place: SMS passes through systems outside the police network.
 */
export async function fallbackAssignment(deps: NoticeDeps, assignmentId: string): Promise<void> {
  const assignment = await loadAssignment(deps.db, assignmentId);
  if (assignment?.status !== 'pending') return;
  const sent = await deps.db
    .selectFrom('assignment_notices')
    .select('id')
    .where('assignment_id', '=', assignmentId)
    .where('channel', '=', 'sms')
    .where('outcome', '=', 'success')
    .executeTakeFirst();
  if (sent) return;
  const unit = await deps.db
    .selectFrom('units')
    .leftJoin('unit_contacts', 'unit_contacts.unit_id', 'units.id')
    .select(['units.call_sign', 'unit_contacts.sms_contact'])
    .where('units.id', '=', assignment.unitId)
    .executeTakeFirstOrThrow();
  const incident = await findIncident(deps.db, assignment.incidentId);
  const to = unit.sms_contact ?? `unit:${unit.call_sign}`;
  const text = `【派警】${unit.call_sign}：警情 ${incident?.reference ?? ''} 已派你单位，尚未确认。请立即打开警务终端确认接警。`;
  try {
    // The gateway's message names a task; here it carries the assignment id under the same field.
    await messageGateway(deps.config).send({ to, text, taskId: assignmentId, event: 'assignment.unacked' });
  } catch (err) {
    await recordNotice(
      deps.db,
      assignmentId,
      'sms',
      to,
      'failure',
      err instanceof Error ? err.message : String(err),
    );
    throw err;
  }
  await recordNotice(deps.db, assignmentId, 'sms', to, 'success');
  await changeIncident(
    deps.db,
    SYSTEM,
    assignment.incidentId,
    () => ({
      kind: 'assignment_sms_fallback',
      details: { assignmentId, unitId: assignment.unitId, afterS: deps.config.ASSIGNMENT_FALLBACK_S },
    }),
    null,
  );
}
