import { routes } from '@shared/api/routes';
import type { Router } from 'express';
import type { AppContext } from '../context';
import { errors } from '../http/errors';
import { defineRoute } from '../http/route';
import { logger } from '../observability/logger';
import { assertPushEndpoint } from './pushEndpoint';
import { deleteSubscription, keepNewestSubscriptions, saveSubscription } from './pushSubscriptions';
import { vapidKeys } from './vapidKeys';

/** Web Push for the field app: the VAPID public key, and the phone's subscription. */
export function registerPushRoutes(router: Router, ctx: AppContext): void {
  // Made (or read) at start-up, so the first phone to subscribe does not wait for key generation.
  if (ctx.config.PUSH_ENABLED) {
    vapidKeys(ctx.config.pushDir).catch((err: unknown) => logger.warn({ err }, 'VAPID keys unavailable'));
  }
  defineRoute(router, ctx.registry, routes.push.vapidPublicKey, async () => {
    if (!ctx.config.PUSH_ENABLED) return { publicKey: '', enabled: false };
    const keys = await vapidKeys(ctx.config.pushDir);
    return { publicKey: keys.publicKey, enabled: true };
  });

  defineRoute(router, ctx.registry, routes.push.subscribe, async ({ body, principal, req }) => {
    if (principal.kind !== 'user') throw errors.forbidden('push subscriptions belong to a person');
    assertPushEndpoint(body.endpoint, ctx.config.PUSH_ALLOW_LOCAL);
    await saveSubscription(ctx.db, principal.user.id, body, req.get('user-agent')?.slice(0, 300) ?? null);
    await keepNewestSubscriptions(ctx.db, principal.user.id, ctx.config.PUSH_MAX_SUBSCRIPTIONS_PER_USER);
    return undefined;
  });

  defineRoute(router, ctx.registry, routes.push.unsubscribe, async ({ body, principal }) => {
    if (principal.kind !== 'user') throw errors.forbidden('push subscriptions belong to a person');
    await deleteSubscription(ctx.db, principal.user.id, body.endpoint);
    return undefined;
  });
}
