import { Redis } from 'ioredis';

/**
 * Deletes every key of one test deployment (`<prefix>:*`) from a Redis, with SCAN + UNLINK so
 * neither blocks the shared server. Other keys (other tests running at once, a developer's own
 * data) are left alone: the shared Redis is never flushed. A Redis that is not reachable (a
 * test's own server already stopped) has nothing to clean.
 */
export async function deleteKeysUnder(url: string, prefix: string): Promise<number> {
  if (!/^[\w-]+$/.test(prefix)) throw new Error(`refusing to delete under the prefix "${prefix}"`);
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
  } catch {
    redis.disconnect();
    return 0;
  }
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
