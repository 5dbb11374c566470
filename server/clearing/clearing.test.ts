import { routes } from '@shared/api/routes';
import { chinaDate } from '@shared/domain/caseDeadline';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../testing/alerts';
import { createFieldOfficer, createSession } from '../testing/factories';
import { expectError, expectOk, type TestClient, testClient } from '../testing/testClient';
import { startTestRuntime, type TestRuntime, waitFor } from '../testing/testRuntime';
import { addDays, periodDays } from './clearingCalendar';
import { buildDailyClearing } from './dailyClearing';

const r = routes.clearing;

function previousMonth(now = new Date()): string {
  const first = `${chinaDate(now).slice(0, 7)}-01`;
  return addDays(first, -1).slice(0, 7);
}

// Generous timeouts: the shared machine runs several engineers' checks at once.
describe('clearing: 日清零、月清结、季清查 and items left hanging (issue #13 item 4)', {
  timeout: 120_000,
}, () => {
  let rt: TestRuntime;
  let supervisor: TestClient;
  let dispatcher: TestClient;
  let officer: TestClient;

  beforeAll(async () => {
    rt = await startTestRuntime('pglite', { CLEARING_DAILY_AT: '22:15', CLEARING_HANGING_AFTER_S: '3600' });
    const db = rt.database.db;
    supervisor = testClient(rt.url, (await createSession(db, rt.url, { role: 'supervisor' })).cookie);
    dispatcher = testClient(rt.url, (await createSession(db, rt.url, { role: 'dispatcher' })).cookie);
    officer = testClient(rt.url, (await createFieldOfficer(db, rt.url)).cookie);
  }, 300_000);
  afterAll(async () => {
    await rt?.close();
  });

  it('lists an open incident without a reason until a person carries it over with one', async () => {
    const incident = await raiseAlert(rt.url);
    const pending = expectOk(await dispatcher(r.daily, { query: { pending: '1' } }));
    expect(pending.day).toBe(chinaDate());
    expect(pending.cutoff).toBe('22:15');
    expect(pending.builtAt).toBeNull();
    expect(pending.items.find((i) => i.id === incident.id)).toMatchObject({
      itemKind: 'incident',
      reference: incident.reference,
      closed: false,
      carryOver: null,
    });
    expectError(await officer(r.daily, { query: {} }), 403);

    expectError(
      await dispatcher(r.carryOver, { body: { itemKind: 'incident', itemId: incident.id, reason: ' ' } }),
      400,
    );
    const given = expectOk(
      await dispatcher(r.carryOver, {
        body: { itemKind: 'incident', itemId: incident.id, reason: '嫌疑人在逃，次日继续布控' },
      }),
      201,
    );
    expect(given).toMatchObject({ day: chinaDate(), reason: '嫌疑人在逃，次日继续布控' });
    expectError(
      await supervisor(r.carryOver, {
        body: { itemKind: 'incident', itemId: incident.id, reason: '再说一次' },
      }),
      409,
    );

    const after = expectOk(await supervisor(r.daily, { query: { pending: '1' } }));
    expect(after.items.map((i) => i.id)).not.toContain(incident.id);
    const all = expectOk(await supervisor(r.daily, { query: {} }));
    expect(all.items.find((i) => i.id === incident.id)?.carryOver?.reason).toBe('嫌疑人在逃，次日继续布控');

    const audit = await rt.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', `incident:${incident.id}`)
      .where('action', '=', 'clearing.carry_over')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('builds the day’s list from the repeatable job, scheduled at the configured time in Asia/Shanghai', async () => {
    const { REDIS_URL, REDIS_PREFIX } = rt.ctx.config;
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('clearing', { connection, prefix: `${REDIS_PREFIX}:bull` });
    try {
      const scheduler = await waitFor(() => queue.getJobScheduler('clearing-daily'));
      expect(scheduler).toMatchObject({ pattern: '15 22 * * *', tz: 'Asia/Shanghai' });

      const incident = await raiseAlert(rt.url);
      const day = chinaDate();
      await queue.add('clearing.daily', { day }, { jobId: `clearing-daily-${day}` });
      const built = await waitFor(async () => {
        const list = expectOk(await supervisor(r.daily, { query: { day } }));
        return list.builtAt ? list : undefined;
      }, 30_000);
      expect(built.items.find((i) => i.id === incident.id)).toMatchObject({ closed: false, carryOver: null });
      // A second run for the same day changes nothing.
      expect(await buildDailyClearing(rt.database.db, day)).toBe(0);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('finds items left hanging: acknowledged and never finished', async () => {
    const incident = await raiseAlert(rt.url);
    expectOk(await dispatcher(routes.incidents.acknowledge, { params: { id: incident.id } }));
    // The linkage job changes the incident too (its timeline entry); backdating before it has
    // run would be undone by it, so wait for it first.
    await waitFor(() =>
      rt.database.db
        .selectFrom('incident_events')
        .select('id')
        .where('incident_id', '=', incident.id)
        .where('kind', '=', 'linkage')
        .executeTakeFirst(),
    );
    await rt.database.db
      .updateTable('incidents')
      .set({ updated_at: new Date(Date.now() - 3 * 3600_000) })
      .where('id', '=', incident.id)
      .execute();
    const hanging = expectOk(await supervisor(r.hanging, {}));
    expect(hanging.thresholdSeconds).toBe(3600);
    expect(hanging.items.find((i) => i.id === incident.id)).toMatchObject({
      kind: 'acknowledged_unfinished',
      status: 'acknowledged',
    });
    expect(hanging.items.find((i) => i.id === incident.id)?.idleSeconds).toBeGreaterThanOrEqual(3 * 3600 - 5);
  });

  it('lists what stayed open through last month and why; a supervisor signs it off once', async () => {
    const month = previousMonth();
    const { from, to } = periodDays('month', month);
    const incident = await raiseAlert(rt.url);
    await rt.database.db
      .updateTable('incidents')
      .set({ raised_at: new Date(`${from}T10:00:00+08:00`) })
      .where('id', '=', incident.id)
      .execute();
    expectOk(
      await dispatcher(r.carryOver, {
        body: { day: addDays(from, 1), itemKind: 'incident', itemId: incident.id, reason: '待伤情鉴定结果' },
      }),
      201,
    );

    const report = expectOk(await supervisor(r.period, { params: { kind: 'month', period: month } }));
    expect(report).toMatchObject({ from, to, due: true, signOff: null });
    expect(report.items.find((i) => i.id === incident.id)).toMatchObject({
      carryOvers: 1,
      lastReason: '待伤情鉴定结果',
      lastReasonDay: addDays(from, 1),
    });

    expectError(
      await dispatcher(r.signOff, { params: { kind: 'month', period: month }, body: { note: '已核' } }),
      403,
    );
    const signed = expectOk(
      await supervisor(r.signOff, { params: { kind: 'month', period: month }, body: { note: '已逐项核对' } }),
      201,
    );
    expect(signed.signOff).toMatchObject({ note: '已逐项核对', openCount: signed.items.length });
    expectError(
      await supervisor(r.signOff, { params: { kind: 'month', period: month }, body: { note: '再签' } }),
      409,
    );
    // A quarter not yet over cannot be signed.
    const nextYear = Number(chinaDate().slice(0, 4)) + 1;
    expectError(
      await supervisor(r.signOff, {
        params: { kind: 'quarter', period: `${nextYear}-Q1` },
        body: { note: '早' },
      }),
      409,
    );
    expectError(await supervisor(r.period, { params: { kind: 'quarter', period: '2026-11' } }), 400);

    const audit = await rt.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target', '=', `clearing_month:${month}`)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['clearing.sign_off']);
  });
});
