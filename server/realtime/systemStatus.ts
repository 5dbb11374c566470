import { relayLagLevel } from '@shared/events/relayLag';
import type { SystemStatus } from '@shared/events/socketEvents';
import type { Redis } from 'ioredis';
import type { Database } from '../db/database';
import { withTimeout } from '../jobs/jobCatalog';
import { logger } from '../observability/logger';
import { readOutboxHealth } from '../outbox/outboxHealth';
import type { ShieldlineServer, ShieldlineSocket } from './socketTypes';

export interface SystemStatusDeps {
  io: ShieldlineServer;
  db: Database;
  /** Redis is up when every one of these is ready (queues, socket adapter, positions). */
  redisConnections: Redis[];
  /** Longest silence between two statuses; consoles call their picture stale after a few. */
  heartbeatMs: number;
  /** How often the state is looked at; a change is sent at once rather than at the next heartbeat. */
  checkMs?: number;
}

export interface SystemStatusBroadcaster {
  /** Sends the latest status to one socket that just connected. */
  greet(socket: ShieldlineSocket): void;
  stop(): void;
}

/**
 * What decides whether a status differs from the last one sent: what a console acts on (its
 * connection indicator, the dead-letter badge, the lag warning), not the clock, the exact age or
 * the backlog count. The backlog changes with nearly every commit under load (linkage task rows
 * also wait in it to share packets), and pushing it at once cost every console a packet a second
 * that it never shows; the exact count still goes out with each heartbeat.
 */
function signature(s: SystemStatus): string {
  return JSON.stringify([s.redis, s.database, s.outbox.deadLettered, relayLagLevel(s.relayLagMs)]);
}

/**
 * Tells every console on this process whether delivery works: outbox backlog and its age,
 * Redis, database. Emitted on the process's own sockets (`io.local`), never through the Redis
 * adapter, so it still arrives when Redis is what failed.
 */
export function startSystemStatus(deps: SystemStatusDeps): SystemStatusBroadcaster {
  const checkMs = deps.checkMs ?? Math.min(1000, deps.heartbeatMs);
  let last: SystemStatus | null = null;
  let lastSentAt = 0;
  let checking = false;

  async function read(): Promise<SystemStatus> {
    const redis = deps.redisConnections.every((r) => r.status === 'ready') ? 'up' : 'down';
    const health = await withTimeout(
      readOutboxHealth(deps.db),
      Math.max(checkMs, 1000),
      'database status',
    ).catch(() => null);
    return {
      at: new Date().toISOString(),
      redis,
      database: health ? 'up' : 'down',
      // Unknown while the database does not answer: the last known backlog stands.
      outbox: health ?? last?.outbox ?? { pending: 0, oldestPendingS: 0, deadLettered: 0 },
      relayLagMs: (health?.oldestPendingS ?? last?.outbox.oldestPendingS ?? 0) * 1000,
      heartbeatMs: deps.heartbeatMs,
    };
  }

  async function check(): Promise<void> {
    if (checking) return;
    checking = true;
    try {
      const status = await read();
      const changed = !last || signature(last) !== signature(status);
      last = status;
      if (changed || Date.now() - lastSentAt >= deps.heartbeatMs) {
        lastSentAt = Date.now();
        deps.io.local.emit('system:v1:status', status);
      }
    } catch (err) {
      logger.warn({ err }, 'system status could not be computed');
    } finally {
      checking = false;
    }
  }

  const timer = setInterval(() => void check(), checkMs);
  timer.unref();
  void check();
  // A Redis connection that drops or returns changes what consoles must be told now, not in a second.
  const onRedisChange = () => void check();
  for (const r of deps.redisConnections) {
    r.on('close', onRedisChange);
    r.on('ready', onRedisChange);
  }

  return {
    greet(socket) {
      if (last) socket.emit('system:v1:status', { ...last, at: new Date().toISOString() });
    },
    stop() {
      clearInterval(timer);
      for (const r of deps.redisConnections) {
        r.off('close', onRedisChange);
        r.off('ready', onRedisChange);
      }
    },
  };
}
