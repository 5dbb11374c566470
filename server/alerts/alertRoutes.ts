import { routes } from '@shared/api/routes';
import type { Router } from 'express';
import type { AppContext } from '../context';
import { defineRoute, WithStatus } from '../http/route';
import { fileApplication, raiseAlert } from './alertService';

export function registerAlertRoutes(router: Router, ctx: AppContext): void {
  defineRoute(router, ctx.registry, routes.alerts.raise, async ({ body, headers, principal, req }) => {
    const idempotencyKey = headers['idempotency-key'];
    const { incident, replayed } = await raiseAlert(ctx.db, principal, body, {
      idempotencyKey,
      requestId: req.id,
      unackedLadderS: ctx.config.UNACKED_LADDER_S,
    });
    return new WithStatus(replayed ? 200 : 201, incident);
  });

  defineRoute(router, ctx.registry, routes.alerts.apply, async ({ body, headers, principal, req }) => {
    const { incident, replayed } = await fileApplication(ctx.db, principal, body, {
      idempotencyKey: headers['idempotency-key'],
      requestId: req.id,
    });

    return new WithStatus(replayed ? 200 : 201, incident);
  });
}
