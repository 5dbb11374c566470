import { routes } from '@shared/api/routes';
import type { DepartmentTask } from '@shared/domain/task';
import type { StreamEvent } from '@shared/events/streamEvent';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeQueues, createQueues } from '../queues/queueRegistry';
import { tasksOf, timelineKinds } from '../tasks/taskTestKit';
import { RAMMING_ALERT, raiseAlert } from '../testing/alerts';
import { recordEvents } from '../testing/socketEvents';
import { expectOk, testClient } from '../testing/testClient';
import {
  connectConsole,
  loginAs,
  startTestRuntime,
  type TestRuntime,
  type TestSocket,
  waitFor,
} from '../testing/testRuntime';
import { runLinkage } from './fanOut';

const DEPARTMENTS = [
  'rights_office',
  'traffic',
  'political_work',
  'investigation',
  'logistics',
  'legal',
  'inspection',
] as const;

describe('linkage fan-out: the measures decide who is told, each department hears it', () => {
  let rt: TestRuntime;
  const consoles = new Map<string, { socket: TestSocket; events: StreamEvent[] }>();
  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
    for (const department of [...DEPARTMENTS, 'cyber', 'local_station']) {
      const socket = await connectConsole(rt.url, await loginAs(rt.url, department));
      consoles.set(department, { socket, events: recordEvents(socket) });
    }
    // Ten logins and sockets on two busy cores: slow, not a timing assertion.
  }, 180_000);
  afterAll(async () => {
    for (const { socket } of consoles.values()) socket.close();
    await rt?.close();
  });

  it('a vehicle ramming with an injured officer: one task each for the departments the measures name, each citing its article and item', async () => {
    const { id } = await raiseAlert(rt.url, RAMMING_ALERT);
    const tasks = await waitFor(async () => {
      const all = await tasksOf(rt.ctx.db, id);
      return all.length >= 9 && all.every((t) => t.status !== 'queued') ? all : undefined;
    });
    const byPair = (t: DepartmentTask) => `${t.departmentId}/${t.kind}`;
    expect(tasks.map(byPair).sort()).toEqual(
      [
        'inspection/supervision',
        'investigation/investigation',
        'legal/legal_guidance',
        'logistics/relief_funds',
        'political_work/comfort',
        'political_work/green_channel',
        'rights_office/register_case',
        'traffic/traffic_control',
        'traffic/vehicle_forensics',
      ].sort(),
    );
    expect(new Set(tasks.map((t) => t.departmentId))).toEqual(new Set(DEPARTMENTS));
    const article = Object.fromEntries(tasks.map((t) => [byPair(t), t.article]));
    expect(article['rights_office/register_case']).toBe('第十四条');
    expect(article['traffic/traffic_control']).toBe('第九条(八)');
    expect(article['political_work/green_channel']).toBe('第九条(二)');
    expect(article['logistics/relief_funds']).toBe('第九条(四)');
    expect(article['legal/legal_guidance']).toBe('第九条(五)');
    expect(article['investigation/investigation']).toBe('第九条(六)');
    expect(article['inspection/supervision']).toBe('第十九条');
    const investigation = tasks.find((t) => t.kind === 'investigation');
    expect(investigation?.handling).toMatchObject({ track: 'criminal', article: '第二十一条' });
    expect(investigation?.handling?.basis).toContain('妨害公务罪');
    expect(investigation?.handling?.basis).toContain('袭警罪');
    // 第九条(六): 刑侦、治安等办案部门, not one merged unit; a criminal case goes to 刑侦大队.
    expect(investigation?.orgUnitName).toBe('刑侦大队');
    for (const t of tasks) expect(t.ruleVersion).toBe(1);

    // Each department's console receives its own tasks (and the incident), and nobody else's.
    for (const department of DEPARTMENTS) {
      const { events } = consoles.get(department)!;
      const own = tasks.filter((t) => t.departmentId === department);
      for (const task of own) {
        await waitFor(() =>
          events.find((e) => e.topic === 'task' && e.data.id === task.id && e.data.status === 'delivered'),
        );
      }
      await waitFor(() => events.find((e) => e.topic === 'incident' && e.data.id === id));
      const seen = events.filter((e) => e.topic === 'task' && e.data.incidentId === id);
      expect(seen.every((e) => e.topic === 'task' && e.data.departmentId === department)).toBe(true);
    }
    expect(consoles.get('cyber')!.events.some((e) => e.data.id === id)).toBe(false);
    expect(await timelineKinds(rt.ctx.db, id)).toContain('linkage');

    // At-least-once jobs: running the fan-out again, twice at once, creates nothing.
    const again = await Promise.all([runLinkage(rt.ctx.db, id), runLinkage(rt.ctx.db, id)]);
    expect(again).toEqual([0, 0]);
    await rt.relay.drain();
    expect((await tasksOf(rt.ctx.db, id)).length).toBe(9);
    const consoleDeliveries = await rt.ctx.db
      .selectFrom('delivery_attempts')
      .select(['task_id'])
      .where('channel', '=', 'console')
      .where(
        'task_id',
        'in',
        tasks.map((t) => t.id),
      )
      .execute();
    expect(consoleDeliveries.length).toBe(9);

    // The nine went out in one delivery job (one transaction), not one job each.
    const redis = new Redis(rt.ctx.config.REDIS_URL);
    const queues = createQueues(redis, rt.ctx.config.REDIS_PREFIX);
    try {
      const done = await queues.delivery.getJobs(['completed']);
      const ids = new Set(tasks.map((t) => t.id));
      const forThese = done.filter((j) =>
        (j.data.taskIds ?? [j.data.taskId]).some((taskId: string) => ids.has(taskId)),
      );
      expect(forThese.map((j) => j.name)).toEqual(['tasks.deliver']);
      expect(new Set(forThese[0]?.data.taskIds)).toEqual(ids);
    } finally {
      await closeQueues(queues);
      redis.disconnect();
    }
  });

  it('online threats go to 网安 and (第二十条) to the station, whose addresses only it and supervisors read', async () => {
    const officer = await loginAs(rt.url, 'GX-P01');
    const { id } = await raiseAlert(
      rt.url,
      {
        category: 'threat_harassment',
        source: 'officer_report',
        address: '网络',
        ongoing: false,
        contentUrls: ['https://example.invalid/doxx/1'],
      },
      { caller: officer },
    );
    const tasks = await waitFor(async () => {
      const all = await tasksOf(rt.ctx.db, id);
      return all.length >= 7 ? all : undefined;
    });
    expect(tasks.map((t) => `${t.departmentId}/${t.kind}`).sort()).toEqual([
      'cyber/content_takedown',
      'cyber/evidence_preservation',
      'investigation/investigation',
      'local_station/protective_measures',
      'local_station/protective_watch',
      'political_work/comfort',
      'rights_office/register_case',
    ]);
    const watch = tasks.find((t) => t.kind === 'protective_watch')!;
    expect(watch.restricted).toBe(true);
    expect(watch.article).toBe('第二十条');
    // No scene position: the station is the officer's own (第二十条 所属单位和有管辖权的单位).
    expect(watch.orgUnitName).toMatch(/派出所$/);
    // The announcement carries no address; the addresses are read on purpose, and audited.
    const event = await waitFor(() =>
      consoles.get('local_station')!.events.find((e) => e.topic === 'task' && e.data.id === watch.id),
    );
    expect(JSON.stringify(event)).not.toContain('演示路');

    const readAs = async (username: string) =>
      testClient(rt.url, await loginAs(rt.url, username))(routes.tasks.watchAddresses, {
        params: { id: watch.id },
      });
    const { addresses } = expectOk(await readAs('local_station'), 200);
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses[0]?.address).toContain('虚构');
    expect((await readAs('supervisor1')).status).toBe(200);
    expect((await readAs('dispatcher1')).status).toBe(403);
    expect((await readAs('cyber')).status).toBe(403);
    const reads = await rt.ctx.db
      .selectFrom('audit_log')
      .select('outcome')
      .where('action', '=', 'task.watch_addresses.read')
      .where('target', '=', `task:${watch.id}`)
      .execute();
    // The dispatcher is refused at the route's gate (tasks:work) before any record is looked up;
    // 网安 passes the gate and is refused on the record, which is audited like every read.
    expect(reads.map((r) => r.outcome).sort()).toEqual(['denied', 'success', 'success']);
  });

  it('department staff list, acknowledge, note and finish their own tasks, and get 403 on another department’s', async () => {
    const { id } = await raiseAlert(rt.url, RAMMING_ALERT);
    const tasks = await waitFor(async () => {
      const all = await tasksOf(rt.ctx.db, id);
      return all.length >= 6 ? all : undefined;
    });
    const traffic = testClient(rt.url, await loginAs(rt.url, 'traffic'));
    const listed = expectOk(await traffic(routes.tasks.list, { query: { limit: 500 } }), 200).tasks;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((t) => t.departmentId === 'traffic')).toBe(true);
    expect((await traffic(routes.tasks.list, { query: { departmentId: 'cyber' } })).status).toBe(403);

    const control = tasks.find((t) => t.kind === 'traffic_control')!;
    const register = tasks.find((t) => t.kind === 'register_case')!;
    expect((await traffic(routes.tasks.acknowledge, { params: { id: register.id } })).status).toBe(403);

    const acked = await traffic(routes.tasks.acknowledge, { params: { id: control.id } });
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ status: 'acknowledged' });
    expect((await traffic(routes.tasks.acknowledge, { params: { id: control.id } })).status).toBe(409);
    const noted = await traffic(routes.tasks.progress, {
      params: { id: control.id },
      body: { note: '梅林大道双向管制，已设置绕行' },
    });
    expect(noted.body).toMatchObject({ status: 'in_progress', note: '梅林大道双向管制，已设置绕行' });
    const done = await traffic(routes.tasks.done, { params: { id: control.id }, body: { note: '管制解除' } });
    expect(done.body).toMatchObject({ status: 'done' });
    expect(
      (await traffic(routes.tasks.progress, { params: { id: control.id }, body: { note: 'late' } })).status,
    ).toBe(409);

    const kinds = await timelineKinds(rt.ctx.db, id);
    expect(kinds).toEqual(expect.arrayContaining(['task_acknowledged', 'task_progress', 'task_done']));
    const audit = await rt.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', `incident:${id}`)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['incident.task_acknowledged', 'incident.task_progress', 'incident.task_done']),
    );
    const trafficConsole = consoles.get('traffic')!.events;
    await waitFor(() =>
      trafficConsole.find((e) => e.topic === 'task' && e.data.id === control.id && e.data.status === 'done'),
    );
  });

  it('Bull Board is for admins only; /metrics shows queue depth, job latency and failures', async () => {
    const admin = await loginAs(rt.url, 'admin');
    const board = await fetch(`${rt.url}/admin/queues`, { headers: { cookie: admin } });
    expect(board.status).toBe(200);
    expect(await board.text()).toContain('Shieldline queues');
    const queuesApi = await fetch(`${rt.url}/admin/queues/api/queues?activeQueue=delivery`, {
      headers: { cookie: admin },
    });
    expect(queuesApi.status).toBe(200);
    const dispatcher = await loginAs(rt.url, 'dispatcher1');
    expect((await fetch(`${rt.url}/admin/queues`, { headers: { cookie: dispatcher } })).status).toBe(403);
    expect((await fetch(`${rt.url}/admin/queues/api/queues`)).status).toBe(401);

    const metrics = await (await fetch(`${rt.url}/metrics`, { headers: { cookie: admin } })).text();
    expect(metrics).toMatch(/shieldline_queue_jobs\{queue="delivery",state="waiting"\} \d+/);
    expect(metrics).toMatch(/shieldline_queue_jobs\{queue="evidence",state="failed"\} \d+/);
    expect(metrics).toMatch(/shieldline_job_wait_seconds_count\{queue="delivery",job="tasks.deliver"\} \d+/);
    expect(metrics).toContain('shieldline_job_failures_total');
  });
});
