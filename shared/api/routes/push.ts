import { z } from 'zod';
import { defineContract } from '../contract';
import { PushSubscriptionRequest, VapidPublicKey } from '../field';

export const pushRoutes = {
  vapidPublicKey: defineContract({
    method: 'get',
    path: '/api/v1/push/vapid-public-key',
    summary: "The server's VAPID public key, for PushManager.subscribe on the officer's phone",
    tags: ['push'],
    permission: 'assignments:respond',
    response: VapidPublicKey,
  }),
  subscribe: defineContract({
    method: 'post',
    path: '/api/v1/push/subscriptions',
    summary:
      "Register this phone's push subscription: new assignments for the officer's unit are pushed to it",
    tags: ['push'],
    permission: 'assignments:respond',
    body: PushSubscriptionRequest,
  }),
  unsubscribe: defineContract({
    method: 'post',
    path: '/api/v1/push/subscriptions/remove',
    summary: "Forget this phone's push subscription (logout, or push turned off)",
    tags: ['push'],
    permission: 'assignments:respond',
    body: z.object({ endpoint: z.string().max(2048) }),
  }),
};
