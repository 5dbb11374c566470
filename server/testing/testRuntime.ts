import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { routes } from '@shared/api/routes';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared/events/socketEvents';
import { io as connect, type Socket } from 'socket.io-client';
import { type Config, loadConfig } from '../config/env';
import type { DatabaseHandle } from '../db/database';
import type { Relay } from '../outbox/relay';
import { type Runtime, type RuntimeOptions, startRuntime } from '../runtime';
import { createTestDatabase, type DatabaseKind } from './databases';
import { deleteKeysUnder } from './redisKeys';

export const DEMO_PASSWORD = 'test-password-123';
export const DEMO_DEVICE_KEY = 'test-device-key-00000000000000000';
/** The scraper's token every test runtime accepts on /metrics (a test may set its own). */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO: '1',
    DEMO_PASSWORD,
    DEMO_DEVICE_KEY,
    REDIS_URL: 'redis://127.0.0.1:6379',
    // Every test runtime gets its own key space on the shared Redis, so files running at once do not hear each other.
    REDIS_PREFIX: `t${randomBytes(5).toString('hex')}`,
    LOG_LEVEL: 'silent',
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    // Test databases come and go; anchoring their heads would only litter DATA_DIR.
    AUDIT_ANCHOR_INTERVAL_S: '0',
    // Position admission sheds on event-loop lag; a test machine shared with other runs lags for
    // reasons of its own, and a test that means to shed sets its own limits.
    POSITION_SHED_LAG_MS: '5000',
    ...overrides,
  });
}

export interface TestRuntime extends Runtime {
  database: DatabaseHandle;
  /** A test runtime is ROLE=all, which always relays. */
  relay: Relay;
}

export async function startTestRuntime(
  kind: DatabaseKind = 'pglite',
  overrides: Record<string, string> = {},
  options: Omit<RuntimeOptions, 'database'> = {},
): Promise<TestRuntime> {
  // Push keys, uploads and evidence go to a directory of this runtime's own, never the checkout's ./data.
  const ownDataDir = overrides.DATA_DIR ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-test-'));
  const database = await createTestDatabase(kind);
  const config = testConfig(ownDataDir ? { ...overrides, DATA_DIR: ownDataDir } : overrides);
  const runtime = await startRuntime(config, { ...options, database });
  const { relay } = runtime;
  if (!relay) throw new Error(`a test runtime must relay; ROLE=${config.ROLE} does not`);
  const close = async () => {
    await runtime.close();
    if (ownDataDir) fs.rmSync(ownDataDir, { recursive: true, force: true });
    // Its key space goes with it, so a test run leaves nothing behind on the shared Redis.
    await deleteKeysUnder(config.REDIS_URL, config.REDIS_PREFIX);
  };
  return { ...runtime, relay, close, database };
}

/** Logs in and returns the session cookie header. */
export async function loginAs(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl}${routes.auth.login.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] ?? '';
}

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function connectConsole(baseUrl: string, cookie: string): Promise<TestSocket> {
  const socket: TestSocket = connect(baseUrl, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    reconnection: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The Prometheus text of a test runtime, read as the scraper would. */
export async function readMetrics(baseUrl: string, token = TEST_METRICS_TOKEN): Promise<string> {
  const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return res.text();
}
