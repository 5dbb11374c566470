import type { WarningChangeEvent } from '@shared/events/socketEvents';
import type { Config } from '../config/env';
import type { Database } from '../db/database';
import { logger } from '../observability/logger';
import { forgetSubscription, markSubscription } from '../push/pushSubscriptions';
import { vapidKeys } from '../push/vapidKeys';
import { sendWebPush } from '../push/webPush';
import { ROOM_WARNINGS } from '../realtime/rooms';
import type { ShieldlineServer } from '../realtime/socketTypes';
import type { WarningChange } from './evaluateWarnings';

export type WarningNotifier = (changes: WarningChange[]) => Promise<void>;

/** What a Web Push about a warning carries: no names, no references (it passes outside services). */
export interface WarningPushPayload {
  type: 'warning';
  warningId: string;
  model: string;
}

async function pushToReaders(db: Database, config: Config, change: WarningChange): Promise<void> {
  const subscriptions = await db
    .selectFrom('push_subscriptions')
    .innerJoin('users', 'users.id', 'push_subscriptions.user_id')
    .select(['push_subscriptions.endpoint', 'push_subscriptions.p256dh', 'push_subscriptions.auth'])
    .where('users.disabled', '=', false)
    .where((eb) =>
      eb.or([
        eb('users.role', 'in', ['supervisor', 'admin']),
        eb.and([eb('users.role', '=', 'department_staff'), eb('users.department_id', '=', 'rights_office')]),
      ]),
    )
    .execute();
  if (!subscriptions.length) return;
  const keys = await vapidKeys(config.pushDir);
  const payload: WarningPushPayload = {
    type: 'warning',
    warningId: change.warning.id,
    model: change.warning.model,
  };
  for (const sub of subscriptions) {
    const outcome = await sendWebPush(sub, JSON.stringify(payload), {
      keys,
      subject: config.PUSH_SUBJECT,
      timeoutMs: config.PUSH_TIMEOUT_MS,
      ttlS: 24 * 3600,
      allowLocal: config.PUSH_ALLOW_LOCAL,
    });
    if (outcome.ok) await markSubscription(db, sub.endpoint, null);
    else if (outcome.gone) await forgetSubscription(db, sub.endpoint);
    else await markSubscription(db, sub.endpoint, outcome.error);
  }
}

/**
 * Tells the warnings room of every change (through the socket adapter, so every server process's
 * consoles hear it) and pushes each new firing to the readers' devices. A failed push is logged,
 * never retried: the socket and the list are the primary channels.
 */
export function createWarningNotifier(io: ShieldlineServer, db: Database, config: Config): WarningNotifier {
  return async (changes) => {
    for (const change of changes) {
      const event: WarningChangeEvent = { kind: change.kind, warning: change.warning };
      io.to(ROOM_WARNINGS).emit('warnings:v1:changed', event);
    }
    if (!config.PUSH_ENABLED) return;
    for (const change of changes.filter((c) => c.kind === 'fired')) {
      try {
        await pushToReaders(db, config, change);
      } catch (err) {
        logger.warn({ err, warningId: change.warning.id }, 'web push of a warning failed');
      }
    }
  };
}
