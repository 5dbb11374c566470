import { randomUUID } from 'node:crypto';
import type { DeliveryProblems } from '@shared/api/deliveryHealth';
import { onDistressAlarm } from '@shared/events/distressAlarm';
import type { StreamEvent } from '@shared/events/streamEvent';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, postAlert, RAMMING_ALERT, recordEvents, tasksOf } from '../tasks/taskTestKit';
import { DATABASE_KINDS } from '../testing/databases';
import { TestRedisServer } from '../testing/redisServer';
import {
  connectConsole,
  loginAs,
  readMetrics,
  startTestRuntime,
  type TestRuntime,
  type TestSocket,
  waitFor,
} from '../testing/testRuntime';

const POLL_MS = 100;

describe.each(DATABASE_KINDS)('outbox relay failure modes (%s)', (kind) => {
  let rt: TestRuntime;
  let socket: TestSocket;
  let events: StreamEvent[];
  beforeAll(async () => {
    rt = await startTestRuntime(kind, { RELAY_MAX_ATTEMPTS: '3', RELAY_RETRY_BASE_MS: '50' });
    socket = await connectConsole(rt.url, await loginAs(rt.url, 'dispatcher1'));
    events = recordEvents(socket);
  });
  afterAll(async () => {
    socket?.close();
    await rt?.close();
  });

  /** An alert whose incident event went out, and its outbox row: a valid payload to copy. */
  async function publishedAlert() {
    const alert = await postAlert(rt.url, RAMMING_ALERT);
    await waitFor(() => events.find((e) => e.data.id === alert.id));
    const row = await rt.ctx.db
      .selectFrom('outbox')
      .select(['payload', 'rooms'])
      .where('aggregate_id', '=', alert.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    return { alert, row };
  }

  it('a row that can never be published is dead-lettered and does not hold up the next alarm', async () => {
    const { alert: first, row: valid } = await publishedAlert();
    const broken = randomUUID();
    await rt.ctx.db
      .insertInto('outbox')
      .values([
        // A payload that no longer parses as an incident.
        {
          topic: 'incident',
          aggregate_id: broken,
          payload: JSON.stringify({ id: broken, status: 'no-such-status' }),
          rooms: JSON.stringify(valid.rooms),
          jobs: '[]',
        },
        // A valid event whose job is no longer in the catalogue.
        {
          topic: 'incident',
          aggregate_id: first.id,
          payload: JSON.stringify(valid.payload),
          rooms: JSON.stringify(valid.rooms),
          jobs: JSON.stringify([{ name: 'incident.retired', data: {}, jobId: 'retired-1' }]),
        },
      ])
      .execute();

    const alarms: string[] = [];
    onDistressAlarm(socket, (a) => alarms.push(a.incident.id));
    const next = await postAlert(rt.url, RAMMING_ALERT);
    await waitFor(() => events.find((e) => e.data.id === next.id), 10_000);
    await waitFor(() => alarms.includes(next.id), 10_000);
    // Measured by the database's clock (commit to publication), so a loaded machine's HTTP and
    // socket round trips do not count: the poll interval, plus slack for a busy CI runner.
    const row = await rt.ctx.db
      .selectFrom('outbox')
      .select(sql<number>`extract(epoch FROM published_at - created_at) * 1000`.as('ms'))
      .where('aggregate_id', '=', next.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(Number(row.ms)).toBeLessThan(POLL_MS + 1000);

    const dead = await waitFor(async () => {
      const rows = await rt.ctx.db
        .selectFrom('outbox')
        .select(['aggregate_id', 'attempts', 'last_error', 'published_at', 'dead_lettered_at'])
        .where('dead_lettered_at', 'is not', null)
        .execute();
      return rows.length === 2 ? rows : undefined;
    });
    expect(dead.every((r) => r.attempts === 3 && r.last_error)).toBe(true);
    expect(dead.find((r) => r.aggregate_id === broken)?.published_at).toBeNull();
    // The second row's event went out; only its job is missing.
    expect(dead.find((r) => r.aggregate_id === first.id)?.published_at).not.toBeNull();
    await rt.relay.drain();

    const supervisor = await loginAs(rt.url, 'supervisor1');
    const res = await api(rt.url, 'GET', '/api/v1/supervisor/delivery-problems', supervisor);
    expect(res.status).toBe(200);
    const problems = res.body as DeliveryProblems;
    expect(problems.outbox).toMatchObject({ deadLettered: 2, pending: 0 });
    expect(problems.deadLetters.map((d) => [d.aggregateId, d.eventPublished, d.jobs]).sort()).toEqual(
      [
        [broken, false, []],
        [first.id, true, ['incident.retired']],
      ].sort(),
    );
    expect(
      (await api(rt.url, 'GET', '/api/v1/supervisor/delivery-problems', await loginAs(rt.url, 'dispatcher1')))
        .status,
    ).toBe(403);

    const metrics = await readMetrics(rt.url);
    expect(metrics).toMatch(/^shieldline_outbox_dead_lettered 2$/m);
    expect(metrics).toMatch(/^shieldline_relay_failures_total\{phase="event",final="true"\} [1-9]/m);
  });

  it('emits an event only after its commit: a failed commit sends nothing, and the retry sends it once', async () => {
    // The first commit that publishes a row after arming fails (a sequence is not rolled back).
    await sql`CREATE SEQUENCE relay_test_failures`.execute(rt.ctx.db);
    await sql`CREATE TABLE relay_test_armed (on_ boolean)`.execute(rt.ctx.db);
    await sql
      .raw(`CREATE FUNCTION relay_test_fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.published_at IS NULL AND NEW.published_at IS NOT NULL
           AND EXISTS (SELECT 1 FROM relay_test_armed) AND nextval('relay_test_failures') = 1 THEN
          RAISE EXCEPTION 'simulated commit failure';
        END IF;
        RETURN NULL;
      END $$`)
      .execute(rt.ctx.db);
    await sql`CREATE CONSTRAINT TRIGGER relay_test_fail AFTER UPDATE ON outbox DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION relay_test_fail_once()`.execute(
      rt.ctx.db,
    );
    const since = events.length;
    await sql`INSERT INTO relay_test_armed VALUES (true)`.execute(rt.ctx.db);

    const { id } = await postAlert(rt.url, RAMMING_ALERT);
    await waitFor(() => events.find((e) => e.data.id === id));
    await rt.relay.drain();
    await new Promise((r) => setTimeout(r, 300));
    const { rows } = await sql<{ n: number }>`SELECT last_value AS n FROM relay_test_failures`.execute(
      rt.ctx.db,
    );
    expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(1);
    // Each outbox row reached the console once, under the sequence number it committed with.
    const after = events.slice(since);
    expect(after.some((e) => e.data.id === id)).toBe(true);
    expect(new Set(after.map((e) => e.eventId)).size).toBe(after.length);
    const published = await rt.ctx.db
      .selectFrom('outbox')
      .select(['id', 'stream_seq'])
      .where(
        'id',
        'in',
        after.map((e) => e.eventId),
      )
      .execute();
    for (const e of after) expect(published.find((p) => p.id === e.eventId)?.stream_seq).toBe(e.seq);
    await sql`DROP TRIGGER relay_test_fail ON outbox`.execute(rt.ctx.db);
  });

  it('sounds an alarm whose reason it does not know as a new alert rather than not at all', async () => {
    const { alert, row: valid } = await publishedAlert();
    const alarms: Array<{ id: string; reason: string }> = [];
    onDistressAlarm(socket, (a) => alarms.push({ id: a.incident.id, reason: a.reason }));
    await rt.ctx.db
      .insertInto('outbox')
      .values({
        topic: 'incident',
        aggregate_id: alert.id,
        payload: JSON.stringify(valid.payload),
        rooms: JSON.stringify(valid.rooms),
        jobs: '[]',
        alarm: 'reason_from_a_newer_version',
      })
      .execute();
    rt.relay.kick();
    const heard = await waitFor(() => alarms.find((a) => a.id === alert.id));
    expect(heard.reason).toBe('new_alert');
  });

  it('dead-letters a row whose job Redis refuses, and the rows after it go on', async () => {
    // Published already, with a job BullMQ refuses when it is added (an all-digits job id).
    const refused = randomUUID();
    await rt.ctx.db
      .insertInto('outbox')
      .values({
        topic: 'jobs',
        aggregate_id: refused,
        payload: JSON.stringify({ id: refused }),
        rooms: '[]',
        jobs: JSON.stringify([{ name: 'incident.linkage', data: { incidentId: refused }, jobId: '12345' }]),
        published_at: new Date(),
      })
      .execute();
    // An alert in the same passes: its linkage jobs still go out, and its tasks come.
    const alert = await postAlert(rt.url, RAMMING_ALERT);
    await waitFor(() => events.find((e) => e.topic === 'task' && e.data.incidentId === alert.id), 15_000);
    const dead = await waitFor(async () =>
      rt.ctx.db
        .selectFrom('outbox')
        .select(['attempts', 'last_error'])
        .where('aggregate_id', '=', refused)
        .where('dead_lettered_at', 'is not', null)
        .executeTakeFirst(),
    );
    expect(dead).toMatchObject({ attempts: 3, last_error: expect.stringMatching(/integers/) });
    await rt.relay.drain();
  });
});

describe("the relay enqueues a row's jobs in the pass that publishes it", () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    // A poll too slow to finish the test: every alert's linkage job must go out without it.
    rt = await startTestRuntime('pglite', { RELAY_POLL_MS: '60000' });
  });
  afterAll(async () => {
    await rt?.close();
  });

  it('gets each alert its linkage tasks without waiting for the next poll', async () => {
    // One at a time: no later commit's notice may wake the relay for the alert before it.
    for (let i = 0; i < 3; i++) {
      const alert = await postAlert(rt.url, RAMMING_ALERT);
      const tasks = await waitFor(async () => {
        const found = await tasksOf(rt.ctx.db, alert.id);
        return found.length ? found : undefined;
      }, 20_000);
      expect(tasks.length).toBeGreaterThan(0);
    }
  });
});

describe('a Redis that stops answering does not hang the API', () => {
  let redis: TestRedisServer;
  let rt: TestRuntime;
  let admin: Redis | undefined;
  beforeAll(async () => {
    redis = await TestRedisServer.start();
    rt = await startTestRuntime('pglite', { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: '500' });
  });
  afterEach(() => {
    admin?.disconnect();
  });
  afterAll(async () => {
    await rt?.close();
    await redis?.stop();
  });

  it('answers requests while Redis accepts connections but no commands', async () => {
    const dispatcher = await loginAs(rt.url, 'dispatcher1');
    const { id } = await postAlert(rt.url, RAMMING_ALERT);
    await rt.relay.drain();
    admin = new Redis(redis.url);
    await admin.call('CLIENT', 'PAUSE', '4000', 'ALL');

    const started = Date.now();
    const second = await postAlert(rt.url, RAMMING_ALERT);
    // The relay now tries to enqueue the new incident's jobs into the paused Redis.
    await new Promise((r) => setTimeout(r, 200));
    const read = await api(rt.url, 'GET', `/api/v1/incidents/${second.id}`, dispatcher);
    expect(read.status).toBe(200);
    // Recommendations read unit positions from Redis: bounded, then from the database.
    const recommended = await api(rt.url, 'GET', `/api/v1/incidents/${id}/recommendations`, dispatcher);
    expect(recommended.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2500);
    // Once Redis answers again the new incident's jobs go out; nothing is left half-sent at close.
    await new Promise((r) => setTimeout(r, Math.max(0, 4500 - (Date.now() - started))));
    await rt.relay.drain(30_000);
  });
});
