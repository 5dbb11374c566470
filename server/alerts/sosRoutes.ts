import { SosCancelRequest, SosRefineRequest } from '@shared/api/field';
import { Incident } from '@shared/domain/incident';
import type { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { cancelSos, refineSos } from './sosService';

const IdParams = z.object({ id: z.uuid() });

/** What follows an SOS from the officer's phone: cancel a mistaken one, refine the category. */
export function registerSosRoutes(router: Router, ctx: AppContext): void {
  defineRoute(
    router,
    ctx.registry,
    {
      method: 'post',
      path: '/api/v1/incidents/:id/cancel-sos',
      summary:
        'The officer who raised an SOS cancels it within SOS_CANCEL_WINDOW_S: recorded as a false activation (false_alarm, timeline sos_cancelled). Repeating it answers 200 with the same incident.',
      tags: ['alerts'],
      permission: 'alerts:create',
      params: IdParams,
      body: SosCancelRequest,
      response: Incident,
    },
    async ({ params, body, principal, req }) => {
      const incident = await cancelSos(ctx.db, principal, params.id, body, {
        windowS: ctx.config.SOS_CANCEL_WINDOW_S,
        requestId: req.id,
      });
      return incident;
    },
  );

  defineRoute(
    router,
    ctx.registry,
    {
      method: 'post',
      path: '/api/v1/incidents/:id/sos-category',
      summary: 'The officer who raised an SOS says what it is; the priority follows the category',
      tags: ['alerts'],
      permission: 'alerts:create',
      params: IdParams,
      body: SosRefineRequest,
      response: Incident,
    },
    async ({ params, body, principal, req }) => {
      const incident = await refineSos(ctx.db, principal, params.id, body, req.id);
      return incident;
    },
  );
}
