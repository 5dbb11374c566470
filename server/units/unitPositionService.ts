import { positionReportIssues } from '@shared/api/positionReport';
import type { PositionReport } from '@shared/events/socketEvents';
import type { Redis } from 'ioredis';
import type { Database } from '../db/database';
import { AppError, errors } from '../http/errors';
import { logger } from '../observability/logger';
import type { PositionBroadcaster } from './positionBroadcaster';
import type { PositionHistory } from './positionHistory';
import { type RejectReason, type StoredPosition, storePosition } from './positionStore';

export interface UnitDeps {
  db: Database;
  redis: Redis;
  /** REDIS_PREFIX of this deployment. */
  prefix: string;
  broadcaster: PositionBroadcaster;
  history: PositionHistory;
  /** Units already seen to exist; units are never deleted, so a hit never goes stale. */
  knownUnits: Set<string>;
  /** Told of every accepted position (arrival detection); must be cheap, it runs once a second per unit. */
  onAccepted?: (unitId: string, position: StoredPosition) => void;
}

export type ReportOutcome =
  | { accepted: true; position: StoredPosition }
  | { accepted: false; reason: RejectReason };

async function assertUnitExists(deps: UnitDeps, unitId: string): Promise<void> {
  if (deps.knownUnits.has(unitId)) return;
  const row = await deps.db.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst();
  if (!row) throw errors.notFound('unit');
  deps.knownUnits.add(unitId);
}

/**
 * One accepted report becomes the unit's latest position (Redis), a history row (batched) and
 * part of the next console batch. Out-of-order and too-frequent reports are answered with
 * `accepted: false`: the device did nothing wrong and must not retry them.
 */
export async function reportPosition(
  deps: UnitDeps,
  unitId: string,
  report: PositionReport,
  now = new Date(),
): Promise<ReportOutcome> {
  const issues = positionReportIssues(report, now);
  const [first] = issues;
  if (first) throw new AppError('validation_failed', `${first.path}: ${first.message}`, issues);
  const at = report.at ? new Date(report.at) : now;
  await assertUnitExists(deps, unitId);

  const position: StoredPosition = {
    lat: report.lat,
    lng: report.lng,
    ...(report.accuracyM === undefined ? {} : { accuracyM: report.accuracyM }),
    at: at.toISOString(),
  };
  let outcome: Awaited<ReturnType<typeof storePosition>>;
  try {
    outcome = await storePosition(deps.redis, deps.prefix, unitId, position);
  } catch (err) {
    // Without Redis there is no order or rate check to trust; the device reports again shortly.
    logger.warn({ err, unitId }, 'position not stored: redis unavailable');
    throw errors.unavailable('positions cannot be stored right now; report again shortly');
  }
  if (!outcome.accepted) return outcome;

  deps.history.record({ unitId, lat: position.lat, lng: position.lng, accuracyM: position.accuracyM, at });
  deps.broadcaster.record(unitId, position);
  deps.onAccepted?.(unitId, position);
  return { accepted: true, position };
}
