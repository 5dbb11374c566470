import {
  AssignmentAction,
  CloseRequest,
  DispatchRequest,
  NoteRequest,
  Recommendation,
} from '@shared/api/dispatch';
import { Assignment } from '@shared/domain/assignment';
import { Incident } from '@shared/domain/incident';
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

const IdParams = z.object({ id: z.uuid() });

export function createDispatchModule(locate: UnitLocator) {
  function routes(router: Router, ctx: AppContext): void {
    defineRoute(
      router,
      ctx.registry,
      {
        method: 'get',
        path: '/api/v1/incidents/:id/recommendations',
        summary: 'Nearest available units of fitting kinds, with distance and estimated travel time',
        tags: ['dispatch'],
        permission: 'incidents:dispatch',
        params: IdParams,
        response: z.object({ recommendations: z.array(Recommendation) }),
      },
      async ({ params }) => {
        const incident = await findIncident(ctx.db, params.id);
        if (!incident) throw errors.notFound('incident');
        return { recommendations: await recommendUnits(incident, await listUnits(ctx.db), locate) };
      },
    );

    defineRoute(
      router,
      ctx.registry,
      {
        method: 'post',
        path: '/api/v1/incidents/:id/dispatch',
        summary: 'Send one or more units; each gets the assignment pushed to its phone',
        tags: ['dispatch'],
        permission: 'incidents:dispatch',
        params: IdParams,
        body: DispatchRequest,
        response: z.object({ incident: Incident, assignments: z.array(Assignment) }),
      },
      async ({ params, body, principal, req }) => {
        const result = await dispatchUnits(ctx.db, principal, params.id, body.unitIds, req.id);
        ctx.kickRelay();
        return result;
      },
    );

    defineRoute(
      router,
      ctx.registry,
      {
        method: 'post',
        path: '/api/v1/incidents/:id/notes',
        summary: 'Add a note to the incident timeline',
        tags: ['dispatch'],
        permission: 'incidents:note',
        params: IdParams,
        body: NoteRequest,
        response: Incident,
      },
      async ({ params, body, principal, req }) => {
        await assertCanSeeIncident(ctx.db, principal, params.id);
        const incident = await addNote(ctx.db, principal, params.id, body.text, req.id);
        ctx.kickRelay();
        return incidentFor(principal, incident);
      },
    );

    defineRoute(
      router,
      ctx.registry,
      {
        method: 'post',
        path: '/api/v1/incidents/:id/close',
        summary: 'End the scene with an outcome: controlled, offender detained, false alarm or cancelled',
        tags: ['dispatch'],
        permission: 'incidents:close',
        params: IdParams,
        body: CloseRequest,
        response: Incident,
      },
      async ({ params, body, principal, req }) => {
        const incident = await closeIncident(ctx.db, principal, params.id, body, req.id);
        ctx.kickRelay();
        return incident;
      },
    );

    defineRoute(
      router,
      ctx.registry,
      {
        method: 'post',
        path: '/api/v1/incidents/:id/checkin',
        summary: 'The units at a distress scene report they are safe; resets the safety check-in timer',
        tags: ['dispatch'],
        permission: 'incidents:note',
        params: IdParams,
        response: Incident,
      },
      async ({ params, principal, req }) => {
        await assertCanSeeIncident(ctx.db, principal, params.id);
        const incident = await checkIn(ctx.db, principal, params.id, req.id, {
          checkinIntervalS: ctx.config.CHECKIN_INTERVAL_S,
        });
        ctx.kickRelay();
        return incident;
      },
    );

    defineRoute(
      router,
      ctx.registry,
      {
        method: 'post',
        path: '/api/v1/assignments/:id/reassign',
        summary: 'Replace the unit of an assignment with another available unit',
        tags: ['dispatch'],
        permission: 'incidents:dispatch',
        params: IdParams,
        body: z.object({ unitId: z.uuid() }),
        response: z.object({ incident: Incident, assignment: Assignment }),
      },
      async ({ params, body, principal, req }) => {
        const result = await reassign(ctx.db, principal, params.id, body.unitId, req.id);
        ctx.kickRelay();
        return result;
      },
    );

    defineRoute(
      router,
      ctx.registry,
      {
        method: 'post',
        path: '/api/v1/assignments/:id/respond',
        summary: 'A unit answers its assignment: accept, en route, on scene, clear or decline',
        tags: ['dispatch'],
        permission: 'assignments:respond',
        params: IdParams,
        body: z.object({ action: AssignmentAction }),
        response: Assignment,
      },
      async ({ params, body, principal, req }) => {
        const assignment = await respondToAssignment(ctx.db, principal, params.id, body.action, req.id, {
          checkinIntervalS: ctx.config.CHECKIN_INTERVAL_S,
        });
        ctx.kickRelay();
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
          ctx.kickRelay();
          return assignment;
        },
      );
    };
  }

  return { routes, socketHandlers, locate };
}
