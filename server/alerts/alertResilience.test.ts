import { randomBytes } from 'node:crypto';
import type { CreateAlertRequest } from '@shared/api/alert';
import { routes } from '@shared/api/routes';
import { onStreamEvent } from '@shared/events/onStreamEvent';
import type { SystemStatus } from '@shared/events/socketEvents';
import { Queue } from 'bullmq';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../testing/alerts';
import { createTestDatabase } from '../testing/databases';
import { deleteKeysUnder } from '../testing/redisKeys';
import { TestRedisServer } from '../testing/redisServer';
import { ServerProcess } from '../testing/serverProcess';
import { expectOk, testClient } from '../testing/testClient';
import { connectConsole, loginAs, startTestRuntime, type TestRuntime, waitFor } from '../testing/testRuntime';

const RAMMING = {
  category: 'vehicle_ramming',
  source: 'call_110',
  address: '赣县区 梅林大道',
  injured: true,
  onRoad: true,
} satisfies CreateAlertRequest;

async function linkageJob(redisUrl: string, prefix: string, incidentId: string) {
  const queue = new Queue('linkage', { connection: { url: redisUrl }, prefix: `${prefix}:bull` });
  try {
    return await queue.getJob(`linkage-${incidentId}`);
  } finally {
    await queue.close();
  }
}

describe('with Redis stopped, alerts are still accepted and go out when it returns', () => {
  let redis: TestRedisServer;
  let rt: TestRuntime;
  beforeAll(async () => {
    redis = await TestRedisServer.start();
    rt = await startTestRuntime('pglite', { REDIS_URL: redis.url, SYSTEM_STATUS_HEARTBEAT_MS: '500' });
  });
  afterAll(async () => {
    await rt?.close();
    await redis?.stop();
  });

  it('accepts (201) while Redis is down; consoles are told, and they and the queue get it after', async () => {
    const socket = await connectConsole(rt.url, await loginAs(rt.url, 'dispatcher1'));
    const seen: string[] = [];
    onStreamEvent(socket, (e) => seen.push(e.data.id));
    const statuses: SystemStatus[] = [];
    socket.on('system:v1:status', (s) => statuses.push(s));
    await waitFor(() => statuses.find((s) => s.redis === 'up' && s.database === 'up'));
    // A heartbeat, not only a greeting: silence would mean the console stopped hearing the server.
    const heard = statuses.length;
    await waitFor(() => statuses.length > heard, 3000);
    await redis.down();
    // Sent to the process's own sockets, not through the Redis adapter that just went away.
    await waitFor(() => statuses.find((s) => s.redis === 'down'), 3000);
    const { id } = await raiseAlert(rt.url, RAMMING);
    await new Promise((r) => setTimeout(r, 500));
    const pending = await rt.ctx.db
      .selectFrom('outbox')
      .select('published_at')
      .where('aggregate_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(pending.published_at).toBeNull();
    expect(seen).not.toContain(id);
    const backlog = await waitFor(
      () => statuses.find((s) => s.redis === 'down' && s.outbox.pending > 0),
      3000,
    );
    expect(backlog.database).toBe('up');

    await redis.up();
    await waitFor(() => seen.includes(id), 20_000);
    // The event goes out first; its jobs follow from the relay's jobs loop.
    const job = await waitFor(() => linkageJob(redis.url, rt.ctx.config.REDIS_PREFIX, id), 10_000);
    expect(job?.data).toEqual({ incidentId: id });
    const healed = statuses.length;
    await waitFor(
      () =>
        statuses.slice(healed).find((s) => s.redis === 'up' && s.outbox.pending === 0 && s.relayLagMs === 0),
      5000,
    );
    socket.close();
  });
});

describe('server processes', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const processes: ServerProcess[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill()));
    await database?.close();
    await deleteKeysUnder('redis://127.0.0.1:6379', prefix);
  });

  const env = () => ({
    DATABASE_URL: database.url ?? '',
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: prefix,
  });

  it('share broadcasts: an alert posted to one reaches a console on the other', async () => {
    const [a, b] = await Promise.all([ServerProcess.start(env()), ServerProcess.start(env())]);
    processes.push(a!, b!);
    const socket = await connectConsole(b!.url, await loginAs(b!.url, 'dispatcher1'));
    const seen: string[] = [];
    onStreamEvent(socket, (e) => seen.push(e.data.id));
    const { id } = await raiseAlert(a!.url, RAMMING);
    await waitFor(() => seen.includes(id));
    expect(seen.filter((s) => s === id)).toHaveLength(1);
    socket.close();
    await Promise.all([a!.kill('SIGTERM'), b!.kill('SIGTERM')]);
  });

  it('lose nothing when killed (SIGKILL) right after the 201', async () => {
    // Another relay holding the lock keeps the row unpublished at the moment of the kill.
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    await blocker.query('SELECT pg_advisory_lock(7224411)');
    const server = await ServerProcess.start(env());
    processes.push(server);
    const { id } = await raiseAlert(server.url, RAMMING);
    await server.kill('SIGKILL');
    const before = await database.db
      .selectFrom('outbox')
      .select(['published_at'])
      .where('aggregate_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(before.published_at).toBeNull();
    await blocker.end();

    await server.spawn();
    const socket = await connectConsole(server.url, await loginAs(server.url, 'supervisor1'));
    const seen: string[] = [];
    onStreamEvent(socket, (e) => seen.push(e.data.id));
    const reply = await socket.timeout(5000).emitWithAck('sync:v1:resume', { sinceSeq: 0 });
    if ('data' in reply) for (const e of reply.data.events) seen.push(e.data.id);
    await waitFor(() => seen.includes(id), 15_000);
    const job = await waitFor(() => linkageJob('redis://127.0.0.1:6379', prefix, id), 10_000);
    expect(job?.data).toEqual({ incidentId: id });
    const dispatcher = testClient(server.url, await loginAs(server.url, 'dispatcher1'));
    const incident = expectOk(await dispatcher(routes.incidents.get, { params: { id } }));
    expect(incident).toMatchObject({ id, category: 'vehicle_ramming', status: 'new' });
    socket.close();
  });
});
