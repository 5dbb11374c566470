import { routes } from '@shared/api/routes';
import type { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { cancelSos, refineSos } from './sosService';

const _IdParams = z.object({ id: z.uuid() });

/** What follows an SOS from the officer's phone: cancel a mistaken one, refine the category. */
export function registerSosRoutes(router: Router, ctx: AppContext): void {
  defineRoute(router, ctx.registry, routes.alerts.cancelSos, async ({ params, body, principal, req }) => {
    const incident = await cancelSos(ctx.db, principal, params.id, body, {
      windowS: ctx.config.SOS_CANCEL_WINDOW_S,
      requestId: req.id,
    });
    return incident;
  });

  defineRoute(router, ctx.registry, routes.alerts.refineSos, async ({ params, body, principal, req }) => {
    const incident = await refineSos(ctx.db, principal, params.id, body, req.id);
    return incident;
  });
}
