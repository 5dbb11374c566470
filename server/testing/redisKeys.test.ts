import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { raiseAlert } from './alerts';
import { deleteKeysUnder } from './redisKeys';
import { startTestRuntime } from './testRuntime';

const URL = 'redis://127.0.0.1:6379';
const redis = new Redis(URL);
afterAll(() => redis.disconnect());

async function keysUnder(prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found;
}

describe('a test leaves no keys on the shared Redis', () => {
  it('deleteKeysUnder removes every key of its prefix and nothing else', async () => {
    const mine = `t${randomBytes(5).toString('hex')}`;
    const other = `t${randomBytes(5).toString('hex')}`;
    for (let i = 0; i < 1200; i++) await redis.set(`${mine}:k:${i}`, '1');
    await redis.hset(`${mine}:h`, 'a', '1');
    await redis.set(`${other}:keep`, '1');
    expect(await deleteKeysUnder(URL, mine)).toBe(1201);
    expect(await keysUnder(mine)).toEqual([]);
    expect(await redis.get(`${other}:keep`)).toBe('1');
    await redis.unlink(`${other}:keep`);
  });

  it('refuses a pattern-like prefix, and treats an unreachable Redis as empty', async () => {
    await expect(deleteKeysUnder(URL, '*')).rejects.toThrow(/refusing/);
    await expect(deleteKeysUnder('redis://127.0.0.1:1', 'tabc')).resolves.toBe(0);
  });

  it("a test runtime's close deletes the keys it made (queues, positions, consoles)", async () => {
    const rt = await startTestRuntime('pglite');
    const prefix = rt.ctx.config.REDIS_PREFIX;
    try {
      await raiseAlert(rt.url);
      await rt.relay.drain();
      expect((await keysUnder(prefix)).length).toBeGreaterThan(0);
    } finally {
      await rt.close();
    }
    expect(await keysUnder(prefix)).toEqual([]);
  }, 120_000);
});
