import { routes } from '@shared/api/routes';
import type { Router } from 'express';
import { appendAudit } from '../audit/auditLog';
import { actorOf } from '../auth/principal';
import type { AppContext } from '../context';
import { announceUnit } from '../dispatch/dispatchEvents';
import { errors } from '../http/errors';
import { defineRoute } from '../http/route';
import { toUnit } from './unitRepository';

const BUSY = new Set(['assigned', 'en_route', 'on_scene']);

/**
 * The field app's duty switch: on duty the unit is available for dispatch and its phone reports
 * positions; off duty it is out of service and the phone stops reporting. A unit with an
 * assignment still open cannot go off duty.
 */
export function registerUnitDutyRoutes(router: Router, ctx: AppContext): void {
  defineRoute(router, ctx.registry, routes.units.duty, async ({ body, principal, req }) => {
    const unitId = principal.kind === 'user' ? principal.user.unitId : null;
    if (!unitId) throw errors.forbidden('only a field officer bound to a unit goes on or off duty');
    const unit = await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('units')
        .selectAll()
        .where('id', '=', unitId)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw errors.notFound('unit');
      let next = row.status;
      if (body.onDuty && row.status === 'out_of_service') next = 'available';
      if (!body.onDuty && row.status === 'available') next = 'out_of_service';
      if (!body.onDuty && BUSY.has(row.status)) {
        throw errors.conflict('the unit still has an open assignment: clear it before going off duty');
      }
      if (next === row.status) return toUnit(row);
      const updated = await trx
        .updateTable('units')
        .set({ status: next, updated_at: new Date() })
        .where('id', '=', unitId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await announceUnit(trx, unitId);
      await appendAudit(trx, {
        actor: actorOf(principal),
        action: body.onDuty ? 'unit.on_duty' : 'unit.off_duty',
        target: `unit:${unitId}`,
        outcome: 'success',
        requestId: req.id,
        details: { from: row.status, to: next },
      });
      return toUnit(updated);
    });
    return unit;
  });
}
