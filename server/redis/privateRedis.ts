import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { logger } from '../observability/logger';

export class RedisUnavailableError extends Error {}

function answers(host: string, port: number, timeoutMs = 800): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (buf) =>
      done(buf.toString().startsWith('+PONG') || buf.toString().startsWith('-NOAUTH')),
    );
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}

function redisServerOnPath(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * `npm start` on a fresh machine should just work: when nothing answers at REDIS_URL and
 * redis-server is installed, start a private one whose data lives under DATA_DIR, with the
 * append-only file on (alerts in queues survive its restart) and noeviction (BullMQ keys
 * must never be evicted).
 */
export async function ensureRedis(
  redisUrl: string,
  dataDir: string,
  autostart: boolean,
): Promise<ChildProcess | null> {
  const url = new URL(redisUrl);
  const host = url.hostname || '127.0.0.1';
  const port = Number(url.port || 6379);
  if (await answers(host, port)) return null;
  const local = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  if (!autostart || !local || !redisServerOnPath()) {
    throw new RedisUnavailableError(
      `Nothing answers at ${redisUrl}: start Redis there, set REDIS_URL, or install redis-server (apt-get install redis-server) so Shieldline can start its own.`,
    );
  }
  const dir = path.join(dataDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (let i = 0; i < 50; i++) {
    if (await answers(host, port)) {
      logger.info({ port, dir }, 'started a private redis-server');
      return child;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new RedisUnavailableError(
    `Started redis-server on port ${port} but it did not answer; see its log above.`,
  );
}
