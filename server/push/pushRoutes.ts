import { PushSubscriptionRequest, VapidPublicKey } from '@shared/api/field';
import type { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { errors } from '../http/errors';
import { defineRoute } from '../http/route';
import { logger } from '../observability/logger';
import { deleteSubscription, saveSubscription } from './pushSubscriptions';
import { vapidKeys } from './vapidKeys';

/** Web Push for the field app: the VAPID public key, and the phone's subscription. */
export function registerPushRoutes(router: Router, ctx: AppContext): void {
  // Made (or read) at start-up, so the first phone to subscribe does not wait for key generation.
  if (ctx.config.PUSH_ENABLED) {
    vapidKeys(ctx.config.pushDir).catch((err: unknown) => logger.warn({ err }, 'VAPID keys unavailable'));
  }
  defineRoute(
    router,
    ctx.registry,
    {
      method: 'get',
      path: '/api/v1/push/vapid-public-key',
      summary: "The server's VAPID public key, for PushManager.subscribe on the officer's phone",
      tags: ['push'],
      permission: 'assignments:respond',
      response: VapidPublicKey,
    },
    async () => {
      if (!ctx.config.PUSH_ENABLED) return { publicKey: '', enabled: false };
      const keys = await vapidKeys(ctx.config.pushDir);
      return { publicKey: keys.publicKey, enabled: true };
    },
  );

  defineRoute(
    router,
    ctx.registry,
    {
      method: 'post',
      path: '/api/v1/push/subscriptions',
      summary:
        "Register this phone's push subscription: new assignments for the officer's unit are pushed to it",
      tags: ['push'],
      permission: 'assignments:respond',
      body: PushSubscriptionRequest,
    },
    async ({ body, principal, req }) => {
      if (principal.kind !== 'user') throw errors.forbidden('push subscriptions belong to a person');
      await saveSubscription(ctx.db, principal.user.id, body, req.get('user-agent')?.slice(0, 300) ?? null);
      return undefined;
    },
  );

  defineRoute(
    router,
    ctx.registry,
    {
      method: 'post',
      path: '/api/v1/push/subscriptions/remove',
      summary: "Forget this phone's push subscription (logout, or push turned off)",
      tags: ['push'],
      permission: 'assignments:respond',
      body: z.object({ endpoint: z.string().max(2048) }),
    },
    async ({ body, principal }) => {
      if (principal.kind !== 'user') throw errors.forbidden('push subscriptions belong to a person');
      await deleteSubscription(ctx.db, principal.user.id, body.endpoint);
      return undefined;
    },
  );
}
