import { routes } from '@shared/api/routes';
import type { Router } from 'express';
import { appendAudit } from '../audit/auditLog';
import { actorOf } from '../auth/principal';
import type { AppContext } from '../context';
import { errors } from '../http/errors';
import { defineRoute } from '../http/route';
import { stationFor } from './jurisdiction';
import { findOrgUnit, listOrgUnits, saveOrgUnit } from './orgRepository';

export function registerOrganisationRoutes(router: Router, ctx: AppContext): void {
  defineRoute(router, ctx.registry, routes.organisation.list, async () => ({
    units: await listOrgUnits(ctx.db),
  }));

  defineRoute(
    router,
    ctx.registry,
    routes.organisation.saveUnit,
    async ({ params, body, principal, req }) => {
      if (body.id !== params.id) throw errors.badRequest('the id in the path and the body differ');
      return saveOrgUnit(ctx.db, principal, body, req.id);
    },
  );

  defineRoute(router, ctx.registry, routes.organisation.jurisdiction, async ({ query }) =>
    stationFor(await listOrgUnits(ctx.db), query),
  );

  defineRoute(
    router,
    ctx.registry,
    routes.organisation.setMembership,
    async ({ params, body, principal, req }) => {
      if (body.orgUnitId && !(await findOrgUnit(ctx.db, body.orgUnitId)))
        throw errors.notFound('organisation unit');
      await ctx.db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('users')
          .set({ org_unit_id: body.orgUnitId })
          .where('id', '=', params.id)
          .returning('id')
          .executeTakeFirst();
        if (!updated) throw errors.notFound('user');
        await appendAudit(trx, {
          actor: actorOf(principal),
          action: 'user.org_unit',
          target: `user:${params.id}`,
          outcome: 'success',
          requestId: req.id,
          details: { orgUnitId: body.orgUnitId },
        });
      });
    },
  );
}
