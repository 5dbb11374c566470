import { positionReportIssues } from '@shared/api/positionReport';
import { routes } from '@shared/api/routes';
import { Uuid } from '@shared/domain/ids';
import type { Unit } from '@shared/domain/unit';
import type { Router } from 'express';
import { z } from 'zod';
import type { RouteModule } from '../app';
import type { Principal } from '../auth/principal';
import type { AppContext } from '../context';
import { AppError, errors } from '../http/errors';
import { defineRoute } from '../http/route';
import { logger } from '../observability/logger';
import { readTrack } from './positionHistory';
import { readPositions } from './positionStore';
import { reportPosition, type UnitDeps } from './unitPositionService';
import { listUnits } from './unitRepository';

const _IdParams = z.object({ id: Uuid });

/**
 * A device key speaks only for the units it is bound to (a unit's tracker for that unit, a
 * gateway for its list); an officer only for its own unit. A key naming another unit could
 * steer recommendations and, with ARRIVAL_MODE=auto, mark a unit on scene.
 */
export function assertMayReport(principal: Principal, unitId: string): void {
  if (principal.kind === 'device') {
    if (principal.unitIds.includes(unitId)) return;
    throw errors.forbidden('this device key is not bound to that unit');
  }
  if (
    principal.kind === 'user' &&
    principal.user.role === 'field_officer' &&
    principal.user.unitId === unitId
  )
    return;
  throw errors.forbidden('a field officer may report only its own unit');
}

/** The latest of the table's last known position and the one in Redis, per unit. */
async function unitsWithLatestPositions(deps: UnitDeps): Promise<Unit[]> {
  const units = await listUnits(deps.db);
  let latest: Awaited<ReturnType<typeof readPositions>>;
  try {
    latest = await readPositions(deps.redis, deps.prefix);
  } catch (err) {
    // The table is at most ~10 s behind, which is still worth showing while Redis is away.
    logger.warn({ err }, 'unit positions from redis unavailable; showing last known ones');
    return units;
  }
  return units.map((unit) => {
    const live = latest.get(unit.id);
    if (!live || (unit.position && unit.position.at >= live.at)) return unit;
    return { ...unit, position: live };
  });
}

export function registerUnitRoutes(deps: UnitDeps): RouteModule {
  return (router: Router, ctx: AppContext) => {
    defineRoute(router, ctx.registry, routes.units.reportPosition, async ({ params, body, principal }) => {
      assertMayReport(principal, params.id);
      // The contract checks the outer bound; the configured skew is checked here, named like a body field.
      const issues = positionReportIssues(body, deps.maxClockSkewMs);
      if (issues[0])
        throw new AppError(
          'validation_failed',
          `body.${issues[0].path}: ${issues[0].message}`,
          issues.map((i) => ({ ...i, path: `body.${i.path}` })),
        );
      const outcome = await reportPosition(deps, params.id, body);
      return outcome.accepted ? { accepted: true } : { accepted: false, reason: outcome.reason };
    });

    defineRoute(router, ctx.registry, routes.units.track, async ({ params, query }) => {
      const unit = await deps.db
        .selectFrom('units')
        .select('id')
        .where('id', '=', params.id)
        .executeTakeFirst();
      if (!unit) throw errors.notFound('unit');
      const from = new Date(query.from);
      const to = new Date(query.to);
      const points = await readTrack(deps.db, params.id, from, to);
      return { unitId: params.id, from: from.toISOString(), to: to.toISOString(), points };
    });

    defineRoute(router, ctx.registry, routes.units.list, async () => ({
      units: await unitsWithLatestPositions(deps),
    }));
  };
}
