import type { Redis } from 'ioredis';
import type { RouteModule } from '../app';
import type { AppContext } from '../context';
import { logger } from '../observability/logger';
import type { ShieldlineSocket } from '../realtime/socketTypes';
import { createPositionAdmission, type PositionAdmission } from './positionAdmission';
import { BROADCAST_INTERVAL_MS, createPositionBroadcaster, type IoSource } from './positionBroadcaster';
import { createPositionFlow } from './positionFlow';
import {
  createPositionHistory,
  DEFAULT_HISTORY_RETENTION_MS,
  type PositionHistoryOptions,
  prunePositionHistory,
} from './positionHistory';
import { type NearbyUnit, nearestUnits, warmPositions } from './positionStore';
import { createKnownUnits, type UnitDeps } from './unitPositionService';
import { listUnits } from './unitRepository';
import { registerUnitRoutes } from './unitRoutes';
import { registerUnitSocketHandlers } from './unitSocketHandlers';

export const pruneLockKey = (prefix: string) => `${prefix}:units:prune_lock`;

export interface UnitModuleOptions {
  retentionMs?: number;
  pruneIntervalMs?: number;
  broadcastIntervalMs?: number;
  history?: PositionHistoryOptions;
  onAccepted?: UnitDeps['onAccepted'];
  /** A connection the broadcaster may put into subscriber mode, to hear other processes' batches. */
  subscriber?: Redis;
}

export interface UnitModule {
  routes: RouteModule;
  socketHandlers: (socket: ShieldlineSocket) => void;
  nearestUnits(point: { lat: number; lng: number }, radiusM: number, count: number): Promise<NearbyUnit[]>;
  deps: UnitDeps;
  /** Settles after the first attempt to put the table's last known positions into Redis. */
  ready: Promise<void>;
  admission: PositionAdmission;
  /** Writes buffered history; call before the database closes. */
  stop(): Promise<void>;
}

/** Everything about unit positions, built once per process from the shared context. */
export function createUnitModule(ctx: AppContext, io: IoSource, options: UnitModuleOptions = {}): UnitModule {
  const prefix = ctx.config.REDIS_PREFIX;
  const flow = createPositionFlow();
  const deps: UnitDeps = {
    db: ctx.db,
    redis: ctx.redis,
    prefix,
    broadcaster: createPositionBroadcaster(
      io,
      flow,
      options.broadcastIntervalMs ?? BROADCAST_INTERVAL_MS,
      options.subscriber ? { publisher: ctx.redis, subscriber: options.subscriber, prefix } : undefined,
    ),
    history: createPositionHistory(ctx.db, options.history),
    knownUnits: createKnownUnits(ctx.db),
    maxClockSkewMs: ctx.config.POSITION_MAX_CLOCK_SKEW_S * 1000,
    onAccepted: options.onAccepted,
  };
  const admission = createPositionAdmission({
    perSecond: ctx.config.POSITION_ADMIT_PER_S,
    maxInFlight: ctx.config.POSITION_MAX_IN_FLIGHT,
    shedLagMs: ctx.config.POSITION_SHED_LAG_MS,
  });

  // Units without a reporting device (the demo's, or all of them after Redis restarts empty)
  // are still found by nearestUnits at their last known position. The producer connection
  // fails fast while it is not ready, so this runs on every (re)connection.
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  let warming: Promise<void> = Promise.resolve();
  const warm = () => {
    warming = warming.then(async () => {
      try {
        const units = await listUnits(ctx.db);
        const known = units.flatMap((u) => (u.position ? [{ unitId: u.id, position: u.position }] : []));
        await warmPositions(ctx.redis, prefix, known);
      } catch (err) {
        logger.warn({ err }, 'last known unit positions not loaded into redis');
      } finally {
        markReady();
      }
    });
  };
  ctx.redis.on('ready', warm);
  if (ctx.redis.status === 'ready') warm();

  const retentionMs = options.retentionMs ?? DEFAULT_HISTORY_RETENTION_MS;
  const pruneIntervalMs = options.pruneIntervalMs ?? 3600_000;
  let pruning: Promise<void> = Promise.resolve();
  const prune = () => {
    pruning = (async () => {
      try {
        // Every process runs this timer; the lock lets one of them prune per interval.
        const won = await ctx.redis.set(pruneLockKey(prefix), '1', 'PX', pruneIntervalMs, 'NX');
        if (won !== 'OK') return;
        const deleted = await prunePositionHistory(ctx.db, new Date(Date.now() - retentionMs));
        if (deleted) logger.info({ deleted }, 'position history pruned');
      } catch (err) {
        logger.warn({ err }, 'position history prune skipped');
      }
    })();
  };
  const pruneTimer = setInterval(prune, pruneIntervalMs);
  pruneTimer.unref();
  // A process restarted more often than the interval would otherwise never prune.
  const firstPrune = setTimeout(prune, 10_000);
  firstPrune.unref();

  const unitHandlers = registerUnitSocketHandlers(deps, admission);
  return {
    routes: registerUnitRoutes(deps),
    socketHandlers: (socket) => {
      unitHandlers(socket);
      flow.register(socket);
    },
    admission,
    nearestUnits: (point, radiusM, count) => nearestUnits(ctx.redis, prefix, point, radiusM, count),
    deps,
    ready,
    async stop() {
      clearInterval(pruneTimer);
      clearTimeout(firstPrune);
      admission.stop();
      await deps.broadcaster.stop();
      ctx.redis.off('ready', warm);
      await Promise.all([deps.history.stop(), pruning, warming]);
    },
  };
}
