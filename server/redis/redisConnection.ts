import { Redis, type RedisOptions } from 'ioredis';
import { logger } from '../observability/logger';

/**
 * Producers (HTTP handlers, the relay) must fail fast when Redis is away, so their callers can
 * fall back to the database; BullMQ workers and blocking readers must wait instead
 * (BullMQ's production guide: maxRetriesPerRequest null on workers, offline queue off on producers).
 */
export type RedisRole = 'producer' | 'blocking';

export function createRedis(
  url: string,
  role: RedisRole,
  name: string = role,
  commandTimeoutMs = 2000,
): Redis {
  // A Redis that accepts connections but does not answer (paused, swapping, out of memory on a
  // script) must not hang a request: every producer command gives up after commandTimeoutMs.
  const options: RedisOptions =
    role === 'producer'
      ? {
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2000,
          commandTimeout: commandTimeoutMs,
        }
      : { maxRetriesPerRequest: null, enableReadyCheck: true };
  const redis = new Redis(url, {
    ...options,
    lazyConnect: false,
    connectionName: `shieldline:${name}`,
    retryStrategy: (attempt) => Math.min(200 * attempt, 2000),
  });
  let down = false;
  redis.on('error', (err) => {
    if (!down) logger.warn({ err: err.message, redis: name }, 'redis connection error');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info({ redis: name }, 'redis connection restored');
    down = false;
  });
  return redis;
}

export async function pingRedis(redis: Redis, timeoutMs = 1000): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  try {
    const reply = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
    ]);
    return reply === 'PONG';
  } catch {
    return false;
  }
}
