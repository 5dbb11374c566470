import type { DeliveryProblems } from '@shared/api/deliveryHealth';
import { routes } from '@shared/api/routes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, postAlert, tasksOf } from '../tasks/taskTestKit';
import { RAMMING_ALERT, raiseAlert } from '../testing/alerts';
import { expectError, expectOk, testClient } from '../testing/testClient';
import { loginAs, readMetrics, startTestRuntime, type TestRuntime, waitFor } from '../testing/testRuntime';
import { signWebhook, verifyWebhook } from './webhookSignature';
import { startWebhookReceiver } from './webhookTestReceiver';

const SECRET = 'traffic-webhook-secret-0001';

describe('webhook signature', () => {
  const body = '{"event":"task.created"}';
  const now = Date.now();
  const ts = Math.floor(now / 1000);

  it('is HMAC-SHA256 over "timestamp.body", and a receiver checks body, secret and age', () => {
    const signature = signWebhook(SECRET, ts, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook(SECRET, { signature, timestamp: String(ts) }, body, { now })).toBe(true);
    expect(verifyWebhook(SECRET, { signature, timestamp: String(ts) }, `${body} `, { now })).toBe(false);
    expect(verifyWebhook('another-secret-000000', { signature, timestamp: String(ts) }, body, { now })).toBe(
      false,
    );
    expect(verifyWebhook(SECRET, { signature, timestamp: String(ts + 1) }, body, { now })).toBe(false);
    const old = signWebhook(SECRET, ts - 3600, body);
    expect(verifyWebhook(SECRET, { signature: old, timestamp: String(ts - 3600) }, body, { now })).toBe(
      false,
    );
  });
});

describe('department webhooks: signed, retried with backoff, each attempt recorded', () => {
  let rt: TestRuntime;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeAll(async () => {
    rt = await startTestRuntime('postgres', { WEBHOOK_BACKOFF_MS: '100', WEBHOOK_ATTEMPTS: '6' });
    // The first two calls for each delivery fail with 500; the third succeeds.
    const calls = new Map<string, number>();
    receiver = await startWebhookReceiver(SECRET, (_nth, delivery) => {
      const n = (calls.get(delivery) ?? 0) + 1;
      calls.set(delivery, n);
      return n <= 2 ? 500 : 204;
    });
  });
  afterAll(async () => {
    await rt?.close();
    await receiver?.close();
  });

  it('an admin configures it; the secret is never read back', async () => {
    const admin = testClient(rt.url, await loginAs(rt.url, 'admin'));
    const params = { id: 'traffic' } as const;
    expectError(
      await admin(routes.linkage.setDepartmentDelivery, { params, body: { webhookUrl: receiver.url } }),
      400,
    );
    const saved = await admin(routes.linkage.setDepartmentDelivery, {
      params,
      body: { webhookUrl: receiver.url, webhookSecret: SECRET, dutyContact: '+86 797 000 0000' },
    });
    expect(expectOk(saved, 200)).toEqual({
      departmentId: 'traffic',
      webhookUrl: receiver.url,
      hasWebhookSecret: true,
      dutyContact: '+86 797 000 0000',
      headContact: null,
    });
    expect(JSON.stringify(saved.body)).not.toContain(SECRET);
    const traffic = testClient(rt.url, await loginAs(rt.url, 'traffic'));
    expectError(
      await traffic(routes.linkage.setDepartmentDelivery, { params, body: { webhookUrl: null } }),
      403,
      'forbidden',
    );
  });

  it('a 500 is retried until it succeeds; the receiver verifies every signature', async () => {
    const { id } = await raiseAlert(rt.url, RAMMING_ALERT);
    const traffic = await waitFor(async () => {
      const tasks = (await tasksOf(rt.ctx.db, id)).filter((t) => t.departmentId === 'traffic');
      return tasks.length === 2 ? tasks : undefined;
    });
    for (const task of traffic) {
      const delivery = `${task.id}.task.created`;
      await waitFor(
        () => receiver.received.find((r) => r.delivery === delivery && r.answered === 204),
        15_000,
      );
      const calls = receiver.received.filter((r) => r.delivery === delivery);
      expect(calls.map((c) => c.answered)).toEqual([500, 500, 204]);
      expect(calls.every((c) => c.verified && c.event === 'task.created')).toBe(true);
      expect(calls[0]!.body.task).toMatchObject({ id: task.id, departmentId: 'traffic', kind: task.kind });

      const api = testClient(rt.url, await loginAs(rt.url, 'traffic'));
      const { attempts } = expectOk(await api(routes.tasks.deliveries, { params: { id: task.id } }));
      const webhook = attempts.filter((a) => a.channel === 'webhook');
      expect(webhook.map((a) => [a.attempt, a.outcome, a.statusCode])).toEqual([
        [1, 'failure', 500],
        [2, 'failure', 500],
        [3, 'success', 204],
      ]);
      expect(attempts.filter((a) => a.channel === 'console')).toHaveLength(1);
      expect(attempts.find((a) => a.channel === 'sms')).toMatchObject({
        recipient: '+86 797 000 0000',
        outcome: 'success',
      });
    }
    // Other departments have no webhook: nothing was sent for their tasks.
    const others = (await tasksOf(rt.ctx.db, id))
      .filter((t) => t.departmentId !== 'traffic')
      .map((t) => t.id);
    expect(receiver.received.some((r) => others.includes(r.body.task.id))).toBe(false);
    const cyber = testClient(rt.url, await loginAs(rt.url, 'cyber'));
    expectError(await cyber(routes.tasks.deliveries, { params: { id: traffic[0]!.id } }), 403);
  });
});

describe('a webhook that fails for good is recorded and shown to supervisors', () => {
  let rt: TestRuntime;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeAll(async () => {
    rt = await startTestRuntime('postgres', { WEBHOOK_BACKOFF_MS: '50', WEBHOOK_ATTEMPTS: '2' });
    receiver = await startWebhookReceiver(SECRET, () => 503);
  });
  afterAll(async () => {
    await rt?.close();
    await receiver?.close();
  });

  it('lists the failed delivery on the supervisor view, without the URL query, and counts it', async () => {
    const admin = await loginAs(rt.url, 'admin');
    const saved = await api(rt.url, 'PUT', '/api/v1/departments/traffic/delivery', admin, {
      webhookUrl: `${receiver.url}?token=department-token-123`,
      webhookSecret: SECRET,
      dutyContact: '+86 797 000 0000',
    });
    expect(saved.status).toBe(200);
    const { id } = await postAlert(rt.url, RAMMING_ALERT);
    const supervisor = await loginAs(rt.url, 'supervisor1');
    const problems = await waitFor(async () => {
      const res = await api(rt.url, 'GET', '/api/v1/supervisor/delivery-problems', supervisor);
      const body = res.body as DeliveryProblems;
      const mine = body.failedDeliveries.filter((f) => f.incidentId === id);
      return mine.length === 2 ? mine : undefined;
    }, 20_000);
    for (const failure of problems) {
      expect(failure).toMatchObject({
        departmentId: 'traffic',
        channel: 'webhook',
        event: 'task.created',
        attempts: 2,
        error: 'HTTP 503',
      });
      expect(failure.recipient).toBe(new URL(receiver.url).origin + new URL(receiver.url).pathname);
      expect(JSON.stringify(failure)).not.toContain('department-token-123');
    }
    // Two attempts per delivery, then nothing more: the record is what tells someone.
    await new Promise((r) => setTimeout(r, 500));
    for (const failure of problems)
      expect(receiver.received.filter((r) => r.delivery === `${failure.taskId}.task.created`)).toHaveLength(
        2,
      );
    const metrics = await readMetrics(rt.url);
    expect(metrics).toMatch(/^shieldline_delivery_failures_total\{channel="webhook"\} [2-9]/m);
  });
});
