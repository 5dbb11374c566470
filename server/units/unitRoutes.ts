import { Uuid } from '@shared/domain/ids';
import { Unit, UnitPosition } from '@shared/domain/unit';
import { PositionReport } from '@shared/events/socketEvents';
import type { Router } from 'express';
import { z } from 'zod';
import type { RouteModule } from '../app';
import type { Principal } from '../auth/principal';
import type { AppContext } from '../context';
import { errors } from '../http/errors';
import { defineRoute } from '../http/route';
import { logger } from '../observability/logger';
import { readTrack } from './positionHistory';
import { readPositions } from './positionStore';
import { positionReportIssues, reportPosition, type UnitDeps } from './unitPositionService';
import { listUnits } from './unitRepository';

const IdParams = z.object({ id: Uuid });

export const PositionAck = z.object({
  accepted: z.boolean(),
  /** Why a report was dropped: older than the stored one, or a second one within a second. */
  reason: z.enum(['stale', 'rate_limited']).optional(),
});

/** The body schema with the checks that need the server clock and the configured skew. */
const reportBody = (maxClockSkewMs: number) =>
  PositionReport.superRefine((report, ctx) => {
    for (const issue of positionReportIssues(report, maxClockSkewMs)) {
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    }
  });

/** A replay is read in windows; one of 12 h at one report a second is at most 43 200 points. */
export const MAX_TRACK_WINDOW_MS = 12 * 3600 * 1000;

const TrackQuery = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .superRefine(({ from, to }, ctx) => {
    const span = Date.parse(to) - Date.parse(from);
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    if (span > MAX_TRACK_WINDOW_MS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the window may span at most 12 hours' });
  });

export const UnitTrack = z.object({
  unitId: Uuid,
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  points: z.array(UnitPosition),
});

export const UnitList = z.object({ units: z.array(Unit) });

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
    defineRoute(
      router,
      ctx.registry,
      {
        method: 'post',
        path: '/api/v1/units/:id/position',
        summary:
          "Report a unit's position (a gateway with a device key, or the unit's own officer). At most one report a second is accepted; an extra or out-of-order one answers accepted: false.",
        tags: ['units'],
        permission: 'units:report_position',
        params: IdParams,
        body: reportBody(deps.maxClockSkewMs),
        response: PositionAck,
      },
      async ({ params, body, principal }) => {
        assertMayReport(principal, params.id);
        const outcome = await reportPosition(deps, params.id, body);
        return outcome.accepted ? { accepted: true } : { accepted: false, reason: outcome.reason };
      },
    );

    defineRoute(
      router,
      ctx.registry,
      {
        method: 'get',
        path: '/api/v1/units/:id/track',
        summary:
          "A unit's recorded positions between from and to (at most 12 hours), oldest first, for replay",
        tags: ['units'],
        permission: 'units:read',
        params: IdParams,
        query: TrackQuery,
        response: UnitTrack,
      },
      async ({ params, query }) => {
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
      },
    );

    defineRoute(
      router,
      ctx.registry,
      {
        method: 'get',
        path: '/api/v1/units',
        summary: 'Every unit with its latest known position',
        tags: ['units'],
        permission: 'units:read',
        response: UnitList,
      },
      async () => ({ units: await unitsWithLatestPositions(deps) }),
    );
  };
}
