import type { PushSubscriptionRequest } from '@shared/api/field';
import type { Database } from '../db/database';
import type { StoredSubscription } from './webPush';

export async function saveSubscription(
  db: Database,
  userId: string,
  sub: PushSubscriptionRequest,
  userAgent: string | null,
): Promise<void> {
  await db
    .insertInto('push_subscriptions')
    .values({
      endpoint: sub.endpoint,
      user_id: userId,
      p256dh: sub.keys.p256dh,
      auth: sub.keys.auth,
      user_agent: userAgent,
      created_at: new Date(),
    })
    // The same browser subscribing again (or another officer on a shared phone) takes the endpoint over.
    .onConflict((oc) =>
      oc.column('endpoint').doUpdateSet({
        user_id: userId,
        p256dh: sub.keys.p256dh,
        auth: sub.keys.auth,
        user_agent: userAgent,
        last_failure: null,
      }),
    )
    .execute();
}

export async function deleteSubscription(db: Database, userId: string, endpoint: string): Promise<void> {
  await db
    .deleteFrom('push_subscriptions')
    .where('endpoint', '=', endpoint)
    .where('user_id', '=', userId)
    .execute();
}

/** One person's phones are capped: beyond `max`, the oldest registrations are dropped. */
export async function keepNewestSubscriptions(db: Database, userId: string, max: number): Promise<void> {
  const rows = await db
    .selectFrom('push_subscriptions')
    .select('endpoint')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
  const extra = rows.slice(max).map((r) => r.endpoint);
  if (extra.length) await db.deleteFrom('push_subscriptions').where('endpoint', 'in', extra).execute();
}

export async function forgetSubscription(db: Database, endpoint: string): Promise<void> {
  await db.deleteFrom('push_subscriptions').where('endpoint', '=', endpoint).execute();
}

export async function markSubscription(
  db: Database,
  endpoint: string,
  failure: string | null,
): Promise<void> {
  await db
    .updateTable('push_subscriptions')
    .set(failure === null ? { last_success_at: new Date(), last_failure: null } : { last_failure: failure })
    .where('endpoint', '=', endpoint)
    .execute();
}

/** Every subscription of the officers bound to a unit (accounts not disabled). */
export function subscriptionsOfUnit(db: Database, unitId: string): Promise<StoredSubscription[]> {
  return db
    .selectFrom('push_subscriptions')
    .innerJoin('users', 'users.id', 'push_subscriptions.user_id')
    .select(['push_subscriptions.endpoint', 'push_subscriptions.p256dh', 'push_subscriptions.auth'])
    .where('users.unit_id', '=', unitId)
    .where('users.disabled', '=', false)
    .execute();
}
