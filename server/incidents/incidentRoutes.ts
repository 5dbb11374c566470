import { routes } from '@shared/api/routes';
import { Snapshot } from '@shared/api/snapshot';
import { Assignment } from '@shared/domain/assignment';
import { TERMINAL_STATUSES } from '@shared/domain/incidentStatus';
import type { Router } from 'express';
import { z } from 'zod';
import { can } from '../auth/permissions';
import type { AppContext } from '../context';
import { errors } from '../http/errors';
import { defineRoute } from '../http/route';
import { headSeq } from '../outbox/streamReader';
import { toTask } from '../tasks/taskMapper';
import { listUnits } from '../units/unitRepository';
import { assertCanSeeIncident, visibleIncidentIds } from './incidentAccess';
import { acknowledgeIncident } from './incidentCommands';
import { toIncident } from './incidentMapper';
import { incidentFor } from './incidentMinimise';

const _IdParams = z.object({ id: z.uuid() });
const ENDED = [...TERMINAL_STATUSES];

export function registerIncidentRoutes(router: Router, ctx: AppContext): void {
  defineRoute(router, ctx.registry, routes.console.snapshot, async ({ principal }) => {
    // Read the head first: anything published later arrives live with a higher sequence.
    const head = await headSeq(ctx.db);
    const visible = await visibleIncidentIds(ctx.db, principal);
    // Applications are 维权办's queue, not the wall's: only those who work them see them here.
    const rows = await ctx.db
      .selectFrom('incidents')
      .selectAll()
      .where('status', 'not in', ENDED)
      .$if(visible === 'all', (q) => q.where('source', '!=', 'application'))
      .execute();
    const incidents = rows
      .map(toIncident)
      .filter((i) => visible === 'all' || visible.has(i.id))
      .map((i) => incidentFor(principal, i));
    const ids = incidents.map((i) => i.id);
    const [assignments, tasks] = ids.length
      ? await Promise.all([
          ctx.db.selectFrom('assignments').selectAll().where('incident_id', 'in', ids).execute(),
          ctx.db.selectFrom('department_tasks').selectAll().where('incident_id', 'in', ids).execute(),
        ])
      : [[], []];
    const ownUnit = principal.kind === 'user' ? principal.user.unitId : null;
    const allUnits = await listUnits(ctx.db);
    const units = can(principal, 'units:read') ? allUnits : allUnits.filter((u) => u.id === ownUnit);
    const ownDepartment = principal.kind === 'user' ? principal.user.departmentId : null;
    return Snapshot.parse({
      headSeq: head,
      incidents,
      units,
      assignments: assignments.map((a) =>
        Assignment.parse({
          id: a.id,
          incidentId: a.incident_id,
          unitId: a.unit_id,
          status: a.status,
          dispatchedByUserId: a.dispatched_by_user_id,
          dispatchedAt: new Date(a.dispatched_at).toISOString(),
          updatedAt: new Date(a.updated_at).toISOString(),
        }),
      ),
      tasks: tasks
        .filter((t) => can(principal, 'tasks:read_all') || t.department_id === ownDepartment)
        .map(toTask),
    });
  });

  defineRoute(router, ctx.registry, routes.incidents.get, async ({ params, principal }) => {
    await assertCanSeeIncident(ctx.db, principal, params.id);
    const row = await ctx.db
      .selectFrom('incidents')
      .selectAll()
      .where('id', '=', params.id)
      .executeTakeFirst();
    if (!row) throw errors.notFound('incident');
    return incidentFor(principal, toIncident(row));
  });

  defineRoute(router, ctx.registry, routes.incidents.timeline, async ({ params, principal }) => {
    await assertCanSeeIncident(ctx.db, principal, params.id);
    const rows = await ctx.db
      .selectFrom('incident_events')
      .selectAll()
      .where('incident_id', '=', params.id)
      .orderBy('id')
      .execute();
    return {
      entries: rows.map((r) => ({
        id: r.id,
        incidentId: r.incident_id,
        at: new Date(r.at).toISOString(),
        actor: r.actor,
        kind: r.kind,
        details: r.details,
      })),
    };
  });

  defineRoute(router, ctx.registry, routes.incidents.acknowledge, async ({ params, principal, req }) => {
    const incident = await acknowledgeIncident(ctx.db, principal, params.id, req.id);
    return incident;
  });
}
