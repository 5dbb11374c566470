import { sql } from 'kysely';
import type { Database } from '../db/database';
import { inBackground } from '../db/queryPriority';
import { logger } from '../observability/logger';

export interface PositionSample {
  unitId: string;
  lat: number;
  lng: number;
  accuracyM?: number;
  at: Date;
}

export interface TrackPoint {
  lat: number;
  lng: number;
  accuracyM?: number;
  at: string;
}

export const DEFAULT_HISTORY_RETENTION_DAYS = 30;
export const DEFAULT_HISTORY_RETENTION_MS = DEFAULT_HISTORY_RETENTION_DAYS * 24 * 3600 * 1000;

export interface PositionHistoryOptions {
  flushIntervalMs?: number;
  /** Rows per INSERT; reaching it also flushes at once. */
  batchSize?: number;
  /** How often a unit's row in `units` gets its last known position. */
  lastKnownIntervalMs?: number;
  /** Rows kept while the database is failing; beyond it the oldest are dropped. */
  maxBuffered?: number;
}

export interface PositionHistory {
  record(sample: PositionSample): void;
  /** Writes everything buffered, including last known positions that are due. */
  flush(): Promise<void>;
  /** Stops the timer and writes everything, last known positions included. */
  stop(): Promise<void>;
}

/** One multi-row INSERT; a sample already stored (a resend at the same time) is skipped. */
export async function writePositions(db: Database, samples: PositionSample[]): Promise<void> {
  if (samples.length === 0) return;
  await db
    .insertInto('unit_positions')
    .values(
      samples.map((s) => ({
        unit_id: s.unitId,
        at: s.at,
        lat: s.lat,
        lng: s.lng,
        accuracy_m: s.accuracyM ?? null,
      })),
    )
    .onConflict((oc) => oc.columns(['unit_id', 'at']).doNothing())
    .execute();
}

/**
 * Keeps units.lat/lng so that a restart with an empty Redis still has a last known position.
 * One UPDATE for many units: at 2,000 units one statement per unit was 200 a second on PGlite's
 * single connection, in front of every alert transaction (docs/PERFORMANCE.md).
 */
export async function writeLastKnown(db: Database, samples: PositionSample[]): Promise<void> {
  if (samples.length === 0) return;
  const rows = sql.join(
    samples.map(
      (s) =>
        sql`(${s.unitId}::uuid, ${s.lat}::double precision, ${s.lng}::double precision, ${s.accuracyM ?? null}::double precision, ${s.at.toISOString()}::timestamptz)`,
    ),
  );
  // Two processes may write the same unit; the later report must win whichever commits last.
  await sql`
    UPDATE units AS u
    SET lat = v.lat, lng = v.lng, accuracy_m = v.accuracy_m, position_at = v.at, updated_at = now()
    FROM (VALUES ${rows}) AS v(id, lat, lng, accuracy_m, at)
    WHERE u.id = v.id AND (u.position_at IS NULL OR u.position_at < v.at)
  `.execute(db);
}

/**
 * Buffers accepted reports and writes them in batches: one INSERT a second (or per 500 rows)
 * instead of one per report, which is what keeps 1 Hz from every unit affordable.
 */
export function createPositionHistory(db: Database, options: PositionHistoryOptions = {}): PositionHistory {
  const flushIntervalMs = options.flushIntervalMs ?? 1000;
  const batchSize = options.batchSize ?? 500;
  const lastKnownIntervalMs = options.lastKnownIntervalMs ?? 10_000;
  const maxBuffered = options.maxBuffered ?? 20 * batchSize;

  let buffer: PositionSample[] = [];
  /** Newest sample per unit not yet written to `units`. */
  const lastKnownPending = new Map<string, PositionSample>();
  const lastKnownWrittenAt = new Map<string, number>();
  let running: Promise<void> = Promise.resolve();

  async function writeBuffered(): Promise<void> {
    while (buffer.length > 0) {
      const batch = buffer.slice(0, batchSize);
      buffer = buffer.slice(batch.length);
      try {
        await writePositions(db, batch);
      } catch (err) {
        buffer = [...batch, ...buffer];
        const dropped = buffer.length - maxBuffered;
        if (dropped > 0) buffer = buffer.slice(dropped);
        logger.error(
          { err, buffered: buffer.length, dropped: Math.max(0, dropped) },
          'position history write failed',
        );
        return;
      }
    }
  }

  async function writeLastKnownDue(all: boolean): Promise<void> {
    const now = Date.now();
    const due: PositionSample[] = [];
    for (const [unitId, sample] of lastKnownPending) {
      if (!all && now - (lastKnownWrittenAt.get(unitId) ?? 0) < lastKnownIntervalMs) continue;
      lastKnownPending.delete(unitId);
      lastKnownWrittenAt.set(unitId, now);
      due.push(sample);
    }
    for (let i = 0; i < due.length; i += batchSize) {
      const chunk = due.slice(i, i + batchSize);
      try {
        await writeLastKnown(db, chunk);
      } catch (err) {
        logger.error({ err, units: chunk.length }, 'last known positions write failed');
      }
    }
  }

  /** Flushes run one after another, so batches never race each other for PGlite's one connection. */
  function enqueue(all: boolean): Promise<void> {
    running = running.then(() =>
      inBackground(async () => {
        await writeBuffered();
        await writeLastKnownDue(all);
      }),
    );
    return running;
  }

  const timer = setInterval(() => void enqueue(false), flushIntervalMs);
  timer.unref();

  return {
    record(sample) {
      buffer.push(sample);
      const pending = lastKnownPending.get(sample.unitId);
      if (!pending || pending.at < sample.at) lastKnownPending.set(sample.unitId, sample);
      // Only on reaching the size: while the database is failing the buffer stays above it,
      // and retries are then left to the timer instead of following every report.
      if (buffer.length === batchSize) void enqueue(false);
    },
    flush: () => enqueue(false),
    async stop() {
      clearInterval(timer);
      await enqueue(true);
    },
  };
}

/** Deletes history older than `olderThan`; returns how many rows went. */
export async function prunePositionHistory(db: Database, olderThan: Date): Promise<number> {
  const result = await db.deleteFrom('unit_positions').where('at', '<', olderThan).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A unit's track between two times, oldest first, for after-action replay. */
export async function readTrack(db: Database, unitId: string, from: Date, to: Date): Promise<TrackPoint[]> {
  const rows = await db
    .selectFrom('unit_positions')
    .select(['lat', 'lng', 'accuracy_m', 'at'])
    .where('unit_id', '=', unitId)
    .where('at', '>=', from)
    .where('at', '<=', to)
    .orderBy('at')
    .execute();
  return rows.map((r) => ({
    lat: r.lat,
    lng: r.lng,
    ...(r.accuracy_m === null ? {} : { accuracyM: r.accuracy_m }),
    at: new Date(r.at).toISOString(),
  }));
}
