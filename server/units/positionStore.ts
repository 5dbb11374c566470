import { GEO_MAX_LAT } from '@shared/api/positionReport';
import type { Redis } from 'ioredis';

/** The latest position of one unit as kept in Redis; `at` is an ISO time from toISOString(). */
export interface StoredPosition {
  lat: number;
  lng: number;
  accuracyM?: number;
  at: string;
}

export type RejectReason = 'stale' | 'rate_limited';
export type StoreResult = { accepted: true } | { accepted: false; reason: RejectReason };

export interface NearbyUnit {
  unitId: string;
  distanceM: number;
}

/** One accepted report per unit per second, measured on the Redis clock so every process agrees. */
export const MIN_REPORT_INTERVAL_MS = 900;

export function positionKeys(prefix: string) {
  return {
    geo: `${prefix}:units:geo`,
    pos: `${prefix}:units:pos`,
    /** Redis time (ms) of each unit's last accepted report, for the rate limit. */
    acceptedAt: `${prefix}:units:accepted_at`,
  };
}

/**
 * Check and write in one script, so two processes receiving reports for the same unit cannot
 * both pass the order and rate checks. `at` values are all toISOString() output, whose
 * byte order is time order, so the script compares them as strings. GEOADD goes first because
 * a script that fails half-way keeps its earlier writes.
 */
const STORE_SCRIPT = `
local prev = redis.call('HGET', KEYS[2], ARGV[1])
if prev and cjson.decode(prev).at >= ARGV[5] then return 'stale' end
local t = redis.call('TIME')
local nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = tonumber(redis.call('HGET', KEYS[3], ARGV[1]))
if last and nowMs - last < tonumber(ARGV[6]) then return 'rate_limited' end
redis.call('GEOADD', KEYS[1], ARGV[2], ARGV[3], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], nowMs)
redis.call('HSET', KEYS[2], ARGV[1], ARGV[4])
return 'ok'
`;

export async function storePosition(
  redis: Redis,
  prefix: string,
  unitId: string,
  position: StoredPosition,
  minIntervalMs = MIN_REPORT_INTERVAL_MS,
): Promise<StoreResult> {
  const keys = positionKeys(prefix);
  const stored: StoredPosition = {
    lat: position.lat,
    lng: position.lng,
    ...(position.accuracyM === undefined ? {} : { accuracyM: position.accuracyM }),
    at: new Date(position.at).toISOString(),
  };
  const outcome = await redis.eval(
    STORE_SCRIPT,
    3,
    keys.geo,
    keys.pos,
    keys.acceptedAt,
    unitId,
    stored.lng,
    stored.lat,
    JSON.stringify(stored),
    stored.at,
    minIntervalMs,
  );
  if (outcome === 'ok') return { accepted: true };
  if (outcome === 'stale' || outcome === 'rate_limited') return { accepted: false, reason: outcome };
  throw new Error(`unexpected reply from the position script: ${String(outcome)}`);
}

function parseStored(raw: string | null | undefined): StoredPosition | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { lat, lng, accuracyM, at } = value as Record<string, unknown>;
    if (typeof lat !== 'number' || typeof lng !== 'number' || typeof at !== 'string') return null;
    return { lat, lng, ...(typeof accuracyM === 'number' ? { accuracyM } : {}), at };
  } catch {
    // A hand-edited or foreign value must not break the unit list; the table still has a position.
    return null;
  }
}

/** Latest positions of the given units (all units when omitted); units without one are absent. */
export async function readPositions(
  redis: Redis,
  prefix: string,
  unitIds?: string[],
): Promise<Map<string, StoredPosition>> {
  const { pos } = positionKeys(prefix);
  const result = new Map<string, StoredPosition>();
  if (unitIds) {
    if (unitIds.length === 0) return result;
    const values = await redis.hmget(pos, ...unitIds);
    unitIds.forEach((id, i) => {
      const parsed = parseStored(values[i]);
      if (parsed) result.set(id, parsed);
    });
    return result;
  }
  for (const [id, raw] of Object.entries(await redis.hgetall(pos))) {
    const parsed = parseStored(raw);
    if (parsed) result.set(id, parsed);
  }
  return result;
}

/** Units within radiusM of a point, nearest first, at most `count` of them. */
export async function nearestUnits(
  redis: Redis,
  prefix: string,
  point: { lat: number; lng: number },
  radiusM: number,
  count: number,
): Promise<NearbyUnit[]> {
  const reply = await redis.geosearch(
    positionKeys(prefix).geo,
    'FROMLONLAT',
    point.lng,
    point.lat,
    'BYRADIUS',
    radiusM,
    'm',
    'ASC',
    'COUNT',
    count,
    'WITHDIST',
  );
  return reply.flatMap((entry) => {
    if (!Array.isArray(entry)) return [];
    const [unitId, distance] = entry as unknown[];
    if (typeof unitId !== 'string' || typeof distance !== 'string') return [];
    return [{ unitId, distanceM: Number(distance) }];
  });
}

/**
 * Puts last known positions (from the units table) into Redis for units that have none there,
 * so that after a Redis restart, or for units without a reporting device, nearestUnits still
 * finds them. Written in one MULTI and only where absent, so a live report that lands
 * meanwhile is never overwritten.
 */
export async function warmPositions(
  redis: Redis,
  prefix: string,
  positions: Array<{ unitId: string; position: StoredPosition }>,
): Promise<void> {
  const keys = positionKeys(prefix);
  const placeable = positions.filter((p) => Math.abs(p.position.lat) <= GEO_MAX_LAT);
  if (placeable.length === 0) return;
  const multi = redis.multi();
  for (const { unitId, position } of placeable) {
    multi.geoadd(keys.geo, 'NX', position.lng, position.lat, unitId);
    multi.hsetnx(keys.pos, unitId, JSON.stringify({ ...position, at: new Date(position.at).toISOString() }));
  }
  await multi.exec();
}

/** Forgets every latest position under the prefix (tests, and a deployment that resets). */
export async function clearPositions(redis: Redis, prefix: string): Promise<void> {
  const keys = positionKeys(prefix);
  await redis.del(keys.geo, keys.pos, keys.acceptedAt);
}
