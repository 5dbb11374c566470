import { Snapshot, TimelineEntry } from '@shared/api/snapshot';
import { Assignment } from '@shared/domain/assignment';
import { Incident } from '@shared/domain/incident';
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

const IdParams = z.object({ id: z.uuid() });
const OPEN = ['closed', 'cancelled', 'false_alarm'];

export function registerIncidentRoutes(router: Router, ctx: AppContext): void {
  defineRoute(
    router,
    ctx.registry,
    {
      method: 'get',
      path: '/api/v1/snapshot',
      summary:
        'Every open incident, unit, assignment and task the caller may see, with the stream sequence it is consistent with',
      tags: ['console'],
      permission: 'stream:read',
      response: Snapshot,
    },
    async ({ principal }) => {
      // Read the head first: anything published later arrives live with a higher sequence.
      const head = await headSeq(ctx.db);
      const visible = await visibleIncidentIds(ctx.db, principal);
      const rows = await ctx.db.selectFrom('incidents').selectAll().where('status', 'not in', OPEN).execute();
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
    },
  );

  defineRoute(
    router,
    ctx.registry,
    {
      method: 'get',
      path: '/api/v1/incidents/:id',
      summary: 'One incident',
      tags: ['incidents'],
      permission: 'stream:read',
      params: IdParams,
      response: Incident,
    },
    async ({ params, principal }) => {
      await assertCanSeeIncident(ctx.db, principal, params.id);
      const row = await ctx.db
        .selectFrom('incidents')
        .selectAll()
        .where('id', '=', params.id)
        .executeTakeFirst();
      if (!row) throw errors.notFound('incident');
      return incidentFor(principal, toIncident(row));
    },
  );

  defineRoute(
    router,
    ctx.registry,
    {
      method: 'get',
      path: '/api/v1/incidents/:id/timeline',
      summary: 'The incident timeline: every step with actor and time',
      tags: ['incidents'],
      permission: 'stream:read',
      params: IdParams,
      response: z.object({ entries: z.array(TimelineEntry) }),
    },
    async ({ params, principal }) => {
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
    },
  );

  defineRoute(
    router,
    ctx.registry,
    {
      method: 'post',
      path: '/api/v1/incidents/:id/acknowledge',
      summary: 'A dispatcher takes the alert: silences the alarm on every console',
      tags: ['dispatch'],
      permission: 'incidents:acknowledge',
      params: IdParams,
      response: Incident,
    },
    async ({ params, principal, req }) => {
      const incident = await acknowledgeIncident(ctx.db, principal, params.id, req.id);
      ctx.kickRelay();
      return incident;
    },
  );
}
