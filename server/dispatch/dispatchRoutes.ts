import { routes as contracts } from '@shared/api/routes';
import type { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { errors } from '../http/errors';
import { defineRoute } from '../http/route';
import { assertCanSeeIncident } from '../incidents/incidentAccess';
import { incidentFor } from '../incidents/incidentMinimise';
import { findIncident } from '../incidents/incidentRepository';
import { onClientEvent } from '../realtime/socketHandler';
import type { ShieldlineSocket } from '../realtime/socketTypes';
import { listUnits } from '../units/unitRepository';
import {
  addNote,
  checkIn,
  closeIncident,
  dispatchUnits,
  reassign,
  respondToAssignment,
} from './dispatchService';
import { recommendUnits, type UnitLocator } from './recommendUnits';

const _IdParams = z.object({ id: z.uuid() });

export function createDispatchModule(locate: UnitLocator) {
  function routes(router: Router, ctx: AppContext): void {
    defineRoute(router, ctx.registry, contracts.dispatch.recommendations, async ({ params }) => {
      const incident = await findIncident(ctx.db, params.id);
      if (!incident) throw errors.notFound('incident');
      return { recommendations: await recommendUnits(incident, await listUnits(ctx.db), locate) };
    });

    defineRoute(
      router,
      ctx.registry,
      contracts.dispatch.dispatch,
      async ({ params, body, principal, req }) => {
        const result = await dispatchUnits(ctx.db, principal, params.id, body.unitIds, req.id);
        return result;
      },
    );

    defineRoute(
      router,
      ctx.registry,
      contracts.dispatch.addNote,
      async ({ params, body, principal, req }) => {
        await assertCanSeeIncident(ctx.db, principal, params.id);
        const incident = await addNote(ctx.db, principal, params.id, body.text, req.id);
        return incidentFor(principal, incident);
      },
    );

    defineRoute(router, ctx.registry, contracts.dispatch.close, async ({ params, body, principal, req }) => {
      const incident = await closeIncident(ctx.db, principal, params.id, body, req.id);
      return incident;
    });

    defineRoute(router, ctx.registry, contracts.dispatch.checkIn, async ({ params, principal, req }) => {
      await assertCanSeeIncident(ctx.db, principal, params.id);
      const incident = await checkIn(ctx.db, principal, params.id, req.id, {
        checkinIntervalS: ctx.config.CHECKIN_INTERVAL_S,
      });
      return incident;
    });

    defineRoute(
      router,
      ctx.registry,
      contracts.dispatch.reassign,
      async ({ params, body, principal, req }) => {
        const result = await reassign(ctx.db, principal, params.id, body.unitId, req.id);
        return result;
      },
    );

    defineRoute(
      router,
      ctx.registry,
      contracts.dispatch.respond,
      async ({ params, body, principal, req }) => {
        const assignment = await respondToAssignment(ctx.db, principal, params.id, body.action, req.id, {
          checkinIntervalS: ctx.config.CHECKIN_INTERVAL_S,
        });
        return assignment;
      },
    );
  }

  function socketHandlers(ctx: AppContext) {
    return (socket: ShieldlineSocket) => {
      onClientEvent(
        socket,
        'assignment:v1:respond',
        'assignments:respond',
        async ({ assignmentId, action }, principal) => {
          const assignment = await respondToAssignment(ctx.db, principal, assignmentId, action, null, {
            checkinIntervalS: ctx.config.CHECKIN_INTERVAL_S,
          });
          return assignment;
        },
      );
    };
  }

  return { routes, socketHandlers, locate };
}
