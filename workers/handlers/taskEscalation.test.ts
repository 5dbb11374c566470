import type { CreateAlertRequest } from '@shared/api/alert';
import { routes } from '@shared/api/routes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasksOf } from '../../server/tasks/taskTestKit';
import { raiseAlert } from '../../server/testing/alerts';
import { recordEvents } from '../../server/testing/socketEvents';
import { expectOk, testClient } from '../../server/testing/testClient';
import {
  connectConsole,
  loginAs,
  startTestRuntime,
  type TestRuntime,
  waitFor,
} from '../../server/testing/testRuntime';

/** A threat already over: no scene to send units to, and 维权办's registration task to chase. */
const CASE_ONLY = {
  category: 'threat_harassment',
  source: 'supervisor',
  address: '赣县区公安局',
  ongoing: false,
} satisfies CreateAlertRequest;

async function escalations(rt: TestRuntime, taskId: string) {
  const rows = await rt.ctx.db
    .selectFrom('incident_events')
    .select(['at', 'details'])
    .where('kind', '=', 'task_escalated')
    .execute();
  return rows
    .filter((r) => r.details.taskId === taskId)
    .map((r) => ({ at: new Date(r.at).getTime(), level: r.details.level, step: r.details.step }));
}

describe('department tasks nobody acknowledges escalate (short deadlines)', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite', { TASK_ACK_DEADLINE_CAP_S: '1', TASK_ESCALATION_STEP_S: '1' });
  });
  afterAll(async () => rt?.close());

  it('climbs notify again → department head → supervisor on duty, on schedule, each step on the timeline', async () => {
    const supervisor = await connectConsole(rt.url, await loginAs(rt.url, 'supervisor1'));
    const seen = recordEvents(supervisor);
    const { id } = await raiseAlert(rt.url, CASE_ONLY);
    const task = await waitFor(async () =>
      (await tasksOf(rt.ctx.db, id)).find((t) => t.kind === 'register_case'),
    );
    const steps = await waitFor(async () => {
      const all = await escalations(rt, task.id);
      return all.length === 3 ? all : undefined;
    }, 15_000);
    expect(steps.map((s) => s.step)).toEqual(['notify_again', 'department_head', 'supervisor']);
    const deadline = new Date(task.ackDeadline).getTime();
    expect(steps[0]!.at).toBeGreaterThanOrEqual(deadline - 50);
    expect(steps[1]!.at - steps[0]!.at).toBeGreaterThanOrEqual(900);
    expect(steps[2]!.at - steps[1]!.at).toBeGreaterThanOrEqual(900);

    const [after] = (await tasksOf(rt.ctx.db, id)).filter((t) => t.id === task.id);
    expect(after).toMatchObject({ status: 'escalated', escalationLevel: 3 });
    const sms = await waitFor(async () => {
      const rows = await rt.ctx.db
        .selectFrom('delivery_attempts')
        .select(['event', 'recipient'])
        .where('task_id', '=', task.id)
        .where('channel', '=', 'sms')
        .where('outcome', '=', 'success')
        .orderBy('id')
        .execute();
      return rows.length >= 4 ? rows : undefined;
    });
    expect(sms.map((r) => `${r.event} ${r.recipient}`)).toEqual([
      'task.created duty:rights_office',
      'task.escalated.1 duty:rights_office',
      'task.escalated.2 head:rights_office',
      'task.escalated.3 user:supervisor1',
    ]);
    await waitFor(() =>
      seen.find((e) => e.topic === 'task' && e.data.id === task.id && e.data.escalationLevel === 3),
    );
    const audit = await rt.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'incident.task_escalated')
      .where('target', '=', `incident:${id}`)
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
    supervisor.close();
  });

  it('stops once the department acknowledges', async () => {
    // Logged in first: the deadline is one second, shorter than an argon2 login on a busy machine.
    const rightsOffice = testClient(rt.url, await loginAs(rt.url, 'rights_office'));
    const { id } = await raiseAlert(rt.url, CASE_ONLY);
    const task = await waitFor(async () =>
      (await tasksOf(rt.ctx.db, id)).find((t) => t.kind === 'register_case'),
    );
    expectOk(await rightsOffice(routes.tasks.acknowledge, { params: { id: task.id } }), 200);
    // Past the deadline and two more steps: nothing may have happened to this task.
    await new Promise((r) => setTimeout(r, 3500));
    expect(await escalations(rt, task.id)).toEqual([]);
    const [now] = (await tasksOf(rt.ctx.db, id)).filter((t) => t.id === task.id);
    expect(now).toMatchObject({ status: 'acknowledged', escalationLevel: 0 });
  });

  it('an acknowledgement after the first step stops the rest', async () => {
    const { id } = await raiseAlert(rt.url, CASE_ONLY);
    const task = await waitFor(async () =>
      (await tasksOf(rt.ctx.db, id)).find((t) => t.kind === 'register_case'),
    );
    await waitFor(async () => ((await escalations(rt, task.id)).length >= 1 ? true : undefined), 10_000);
    const rightsOffice = testClient(rt.url, await loginAs(rt.url, 'rights_office'));
    const acked = expectOk(await rightsOffice(routes.tasks.acknowledge, { params: { id: task.id } }), 200);
    const levelAtAck = acked.escalationLevel;
    await new Promise((r) => setTimeout(r, 2500));
    expect((await escalations(rt, task.id)).length).toBe(levelAtAck);
  });
});
