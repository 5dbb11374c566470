import { randomBytes } from 'node:crypto';
import { createAlarmReporter } from '@shared/events/alarmReporter';
import { type DistressAlarm, onDistressAlarm } from '@shared/events/distressAlarm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../testing/alerts';
import { createTestDatabase } from '../testing/databases';
import { deleteKeysUnder } from '../testing/redisKeys';
import { ServerProcess } from '../testing/serverProcess';
import { connectConsole, loginAs, waitFor } from '../testing/testRuntime';

/**
 * Each server process judges only its own consoles' receipts, from the alarm broadcast it
 * receives anyway; the supervisor view on either process sees the outcome for all of them.
 */
describe('distress receipts across two server processes', () => {
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

  it('marks the silent consoles lagging on both processes, and not the confirming ones', async () => {
    const env = {
      DATABASE_URL: database.url ?? '',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: prefix,
    };
    const [a, b] = await Promise.all([ServerProcess.start(env), ServerProcess.start(env)]);
    if (!a || !b) throw new Error('server processes did not start');
    processes.push(a, b);
    // A confirming and a silent console on each process: whichever process relays the alarm,
    // the other one has to judge its own consoles from the broadcast alone.
    const consoles = await Promise.all(
      [a, b].flatMap((server) =>
        (['dispatcher1', 'dispatcher2'] as const).map(async (username) => {
          const socket = await connectConsole(server.url, await loginAs(server.url, username));
          const alarms: DistressAlarm[] = [];
          const reports = createAlarmReporter((report) => socket.emit('console:v1:applied', report));
          onDistressAlarm(socket, (alarm) => {
            alarms.push(alarm);
            if (username === 'dispatcher1') reports.sounded(alarm.seq);
          });
          return { socket, alarms, reports, confirms: username === 'dispatcher1' };
        }),
      ),
    );
    const supervisor = await loginAs(a.url, 'supervisor1');

    const { id } = await raiseAlert(a.url);
    await waitFor(() => consoles.every((c) => c.alarms.some((x) => x.incident.id === id)));
    // Once to each console, not once per process.
    for (const c of consoles) expect(c.alarms.filter((x) => x.incident.id === id)).toHaveLength(1);

    const silent = consoles.filter((c) => !c.confirms).map((c) => c.socket.id ?? '');
    const listed = await waitFor(async () => {
      const res = await fetch(`${b.url}/api/v1/supervisor/consoles`, { headers: { cookie: supervisor } });
      const body: { consoles: Array<{ socketId: string; lagging: unknown }> } = await res.json();
      const byId = new Map(body.consoles.map((c) => [c.socketId, c]));
      return silent.every((s) => byId.get(s)?.lagging) ? byId : undefined;
    }, 15_000);
    for (const c of consoles) {
      expect(listed.get(c.socket.id ?? '')).toMatchObject(
        c.confirms
          ? { username: 'dispatcher1', lagging: null }
          : { username: 'dispatcher2', lagging: { incidentId: id } },
      );
    }
    for (const c of consoles) {
      c.reports.stop();
      c.socket.close();
    }
    await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
  });
});
