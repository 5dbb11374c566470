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
  /** Which unit ids exist, kept in memory so a report costs no database query. */
  knownUnits: KnownUnits;
  /** How far ahead of the server clock a report may be dated (device clock drift). */
  maxClockSkewMs: number;
  /** Told of every accepted position (arrival detection); must be cheap, it runs once a second per unit. */
  onAccepted?: (unitId: string, position: StoredPosition) => void;
}

export type ReportOutcome =
  | { accepted: true; position: StoredPosition }
  | { accepted: false; reason: RejectReason };

/** The default bound on a report's date ahead of the server clock (POSITION_MAX_CLOCK_SKEW_S). */
export const DEFAULT_CLOCK_SKEW_MS = 5_000;

/** A miss reloads the whole id list, at most once per interval, shared by every report waiting on it. */
const KNOWN_UNITS_RELOAD_MS = 5_000;

export interface KnownUnits {
  has(unitId: string): Promise<boolean>;
}

/**
 * Units are never deleted, so a known id stays known. An unknown one (a unit created a moment
 * ago, or a device naming one that does not exist) triggers one reload of all ids rather than a
 * query per report: a flood of reports for made-up units costs one query per interval.
 */
export function createKnownUnits(db: Database, reloadMs = KNOWN_UNITS_RELOAD_MS): KnownUnits {
  const ids = new Set<string>();
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | null = null;
  const reload = () => {
    loading ??= db
      .selectFrom('units')
      .select('id')
      .execute()
      .then((rows) => {
        for (const row of rows) ids.add(row.id);
        loadedAt = performance.now();
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  };
  return {
    async has(unitId) {
      if (ids.has(unitId)) return true;
      if (performance.now() - loadedAt >= reloadMs) await reload();
      else if (loading) await loading;
      return ids.has(unitId);
    },
  };
}

async function assertUnitExists(deps: UnitDeps, unitId: string): Promise<void> {
  if (!(await deps.knownUnits.has(unitId))) throw errors.notFound('unit');
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
  const issues = positionReportIssues(report, deps.maxClockSkewMs, now);
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
