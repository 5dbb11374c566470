import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { routes } from '@shared/api/routes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { tasksOf } from '../tasks/taskTestKit';
import { RAMMING_ALERT, raiseAlert } from '../testing/alerts';
import { createTestDatabase } from '../testing/databases';
import { deleteKeysUnder } from '../testing/redisKeys';
import { ServerProcess } from '../testing/serverProcess';
import { recordEvents } from '../testing/socketEvents';
import { expectOk, testClient } from '../testing/testClient';
import { connectConsole, loginAs, waitFor } from '../testing/testRuntime';
import { startWebhookReceiver } from './webhookTestReceiver';

const SECRET = 'traffic-webhook-secret-crash-01';

/**
 * Real processes on Postgres and the shared Redis: one web process (HTTP, sockets, relay) and
 * worker processes (ROLE=worker). The first worker is SIGKILLed while it is inside a job (its
 * webhook POST is held open by the receiver); the second takes the job over once the lock lapses.
 */
describe('a worker killed with SIGKILL mid-job', () => {
  let database: DatabaseHandle & { url?: string };
  let web: ServerProcess;
  const workers: ServerProcess[] = [];
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-crash-'));
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    env = {
      DATABASE_URL: database.url!,
      REDIS_PREFIX: `t${randomBytes(5).toString('hex')}`,
      DATA_DIR: dataDir,
      JOB_LOCK_MS: '2000',
      WEBHOOK_BACKOFF_MS: '100',
    };
    // The very first webhook call is held open, pinning the first worker mid-job; all others succeed.
    receiver = await startWebhookReceiver(SECRET, (nth) => (nth === 1 ? 'hold' : 200));
    web = await ServerProcess.start({ ...env, ROLE: 'web' });
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) await w.kill();
    await web?.kill('SIGTERM');
    await receiver?.close();
    await database?.close();
    // The processes shared one key space on the shared Redis; it goes with them.
    if (env?.REDIS_PREFIX) await deleteKeysUnder('redis://127.0.0.1:6379', env.REDIS_PREFIX);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('after a new worker starts, each task is delivered exactly once', async () => {
    const admin = testClient(web.url, await loginAs(web.url, 'admin'));
    const configured = await admin(routes.linkage.setDepartmentDelivery, {
      params: { id: 'traffic' },
      body: { webhookUrl: receiver.url, webhookSecret: SECRET },
    });
    expectOk(configured, 200);
    const trafficConsole = await connectConsole(web.url, await loginAs(web.url, 'traffic'));
    const seen = recordEvents(trafficConsole);

    workers.push(await ServerProcess.start({ ...env, ROLE: 'worker' }));
    const { id } = await raiseAlert(web.url, RAMMING_ALERT);
    const held = await waitFor(() => receiver.received.find((r) => r.answered === 'held'), 30_000);
    await workers[0]!.kill('SIGKILL');

    workers.push(await ServerProcess.start({ ...env, ROLE: 'worker' }));
    await waitFor(
      () => receiver.received.find((r) => r.delivery === held.delivery && r.answered === 200),
      30_000,
    );

    const tasks = await tasksOf(database.db, id);
    // Exactly one task per (department, kind) the rules call for, however often the job ran.
    expect(new Set(tasks.map((t) => `${t.departmentId}/${t.kind}`)).size).toBe(tasks.length);
    expect(tasks).toHaveLength(9);
    const traffic = tasks.filter((t) => t.departmentId === 'traffic');
    for (const task of traffic) {
      await waitFor(
        () => receiver.received.find((r) => r.body.task.id === task.id && r.answered === 200),
        30_000,
      );
      // The worker records the attempt after the receiver has answered: wait for the row.
      const attempts = await waitFor(async () => {
        const rows = await database.db
          .selectFrom('delivery_attempts')
          .select(['channel', 'outcome'])
          .where('task_id', '=', task.id)
          .execute();
        return rows.some((a) => a.channel === 'webhook' && a.outcome === 'success') ? rows : undefined;
      }, 30_000);
      expect(attempts.filter((a) => a.channel === 'console')).toHaveLength(1);
      // On a loaded machine a 2 s job lock can lapse twice, so a webhook may succeed twice; the
      // task's delivery (status change, console event) is once, guarded in the database.
      expect(
        attempts.filter((a) => a.channel === 'webhook' && a.outcome === 'success').length,
      ).toBeGreaterThanOrEqual(1);
      // Webhooks are at-least-once: a POST the dead worker had in flight may also land. Every POST
      // for the task carries the same delivery id, so the receiver keeps exactly one delivery.
      const accepted = receiver.received.filter((r) => r.body.task.id === task.id && r.answered === 200);
      expect(accepted.length).toBeGreaterThanOrEqual(1);
      expect(new Set(accepted.map((r) => r.delivery)).size).toBe(1);
      await waitFor(() =>
        seen.find((e) => e.topic === 'task' && e.data.id === task.id && e.data.status === 'delivered'),
      );
    }
    // The held call was retried under the same delivery id, with a fresh valid signature.
    const heldDelivery = receiver.received.filter((r) => r.delivery === held.delivery).map((r) => r.answered);
    expect(heldDelivery[0]).toBe('held');
    expect(heldDelivery).toContain(200);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    for (const task of traffic) {
      const events = seen.filter((e) => e.topic === 'task' && e.data.id === task.id);
      // Later changes (an escalation step, a delivery note) may announce the task again while it is
      // still 'delivered'; what must happen once is the move from queued to delivered.
      const seqs = events.map((e) => e.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      const firstDelivered = events.findIndex((e) => e.topic === 'task' && e.data.status === 'delivered');
      expect(firstDelivered).toBeGreaterThanOrEqual(0);
      expect(
        events.slice(firstDelivered).every((e) => e.topic === 'task' && e.data.status !== 'queued'),
      ).toBe(true);
    }
    expect(tasks.every((t) => t.status !== 'queued' || t.departmentId !== 'traffic')).toBe(true);
    trafficConsole.close();
  }, 120_000);
});
