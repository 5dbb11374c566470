import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../tasks/taskTestKit';
import { loginAs, startTestRuntime, type TestRuntime, waitFor } from '../testing/testRuntime';
import { remindDeadline, reminderAt } from './caseReminders';

interface CaseBody {
  id: string;
  status: string;
  serious: string[];
  supervision: { note: string; byName: string } | null;
  extensionRequest: { until: string } | null;
  deadlines: { acceptance: { due: string }; feedback?: { due: string } };
  timeline?: { kind: string }[];
}

// Generous timeouts: the shared machine runs several engineers' checks at once.
describe('the committee (维权委, 第六条/第七条/第十六条/第十九条)', { timeout: 120_000 }, () => {
  let rt: TestRuntime;
  const cookies: Record<string, string> = {};
  const as = (who: string, method: string, path: string, body?: unknown) =>
    api(rt.url, method, path, cookies[who] ?? '', body);
  const notices = (caseId: string, kind: string) =>
    rt.database.db
      .selectFrom('case_notices')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('kind', '=', kind)
      .execute();
  const newCase = async (category: string) => {
    const res = await as('rights_office', 'POST', '/api/v1/cases', {
      channel: 'written',
      category,
      summary: '处警时遭围堵',
      applicant: { kind: 'unit', unitName: '梅林派出所' },
    });
    expect(res.status).toBe(201);
    return res.body as CaseBody;
  };

  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
    for (const who of [
      'rights_office',
      'committee_director',
      'committee1',
      'supervisor1',
      'traffic',
      'inspection',
    ])
      cookies[who] = await loginAs(rt.url, who);
  }, 300_000);
  afterAll(async () => {
    await rt?.close();
  });

  it('puts a serious case before the committee once, and tells it through the workers', async () => {
    const c = await newCase('mob_obstruction');
    expect(c.serious).toEqual(['violent_scene']);
    const sent = await waitFor(async () => {
      const rows = await notices(c.id, 'serious');
      return rows[0]?.sent_at ? rows : undefined;
    }, 30_000);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.audience).toEqual(['committee']);

    // A further reason (维权办 asks for more time) is added to the case, not told twice.
    await as('rights_office', 'POST', `/api/v1/cases/${c.id}/decision`, { decision: 'accept' });
    const accepted = (await as('rights_office', 'GET', `/api/v1/cases/${c.id}`)).body as CaseBody;
    const due = accepted.deadlines.feedback?.due ?? '';
    const later = new Date(Date.parse(`${due}T00:00:00Z`) + 20 * 86_400_000).toISOString().slice(0, 10);
    const asked = await as('rights_office', 'POST', `/api/v1/cases/${c.id}/extension-request`, {
      until: later,
      reasons: '涉案人员多，案情复杂',
    });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({
      serious: ['violent_scene', 'extension_requested'],
      extensionRequest: { until: later },
    });
    expect(await notices(c.id, 'serious')).toHaveLength(1);
    expect(await notices(c.id, 'extension_request')).toHaveLength(1);

    // The committee sees it in its inbox; a case that is not serious is not there.
    const plain = await newCase('malicious_complaint');
    expect(plain.serious).toEqual([]);
    const inbox = (await as('committee1', 'GET', '/api/v1/committee/cases')).body as {
      cases: { id: string }[];
      notices: { caseId: string; kind: string }[];
      director: boolean;
    };
    expect(inbox.director).toBe(false);
    expect(inbox.cases.map((x) => x.id)).toContain(c.id);
    expect(inbox.cases.map((x) => x.id)).not.toContain(plain.id);
    expect(
      inbox.notices
        .filter((n) => n.caseId === c.id)
        .map((n) => n.kind)
        .sort(),
    ).toEqual(['extension_request', 'serious']);
    expect((await as('committee_director', 'GET', '/api/v1/committee/cases')).body).toMatchObject({
      director: true,
    });
    expect((await as('supervisor1', 'GET', '/api/v1/committee/cases')).status).toBe(403);
  });

  it('lets only the director decide an extension (第十六条): a member is refused', async () => {
    const c = await newCase('violent_attack');
    await as('rights_office', 'POST', `/api/v1/cases/${c.id}/decision`, { decision: 'accept' });
    const due = ((await as('rights_office', 'GET', `/api/v1/cases/${c.id}`)).body as CaseBody).deadlines
      .feedback?.due as string;
    const later = new Date(Date.parse(`${due}T00:00:00Z`) + 15 * 86_400_000).toISOString().slice(0, 10);
    expect(
      (
        await as('committee_director', 'POST', `/api/v1/cases/${c.id}/extension-decision`, {
          decision: 'approve',
        })
      ).status,
    ).toBe(409);
    await as('rights_office', 'POST', `/api/v1/cases/${c.id}/extension-request`, {
      until: later,
      reasons: '疑难复杂',
    });
    const member = await as('committee1', 'POST', `/api/v1/cases/${c.id}/extension-decision`, {
      decision: 'approve',
    });
    expect(member.status).toBe(403);
    // The member is no director as an approver on 维权办's form either.
    const ids = new Map(
      (await rt.database.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [
        u.username,
        u.id,
      ]),
    );
    expect(
      (
        await as('rights_office', 'POST', `/api/v1/cases/${c.id}/extension`, {
          until: later,
          reasons: '疑难复杂',
          approvedBy: ids.get('committee1'),
        })
      ).status,
    ).toBe(403);
    const refusedWithoutReason = await as(
      'committee_director',
      'POST',
      `/api/v1/cases/${c.id}/extension-decision`,
      {
        decision: 'refuse',
      },
    );
    expect(refusedWithoutReason.status).toBe(400);
    const approved = await as('committee_director', 'POST', `/api/v1/cases/${c.id}/extension-decision`, {
      decision: 'approve',
      note: '同意延长',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ deadlines: { feedback: { due: later } }, extensionRequest: null });
    const kinds = ((approved.body as CaseBody).timeline ?? []).map((e) => e.kind);
    expect(kinds.slice(-2)).toEqual(['extension_requested', 'feedback_extended']);
    const audit = await rt.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('target', '=', `case:${c.id}`)
      .where('action', '=', 'case.feedback_extended')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('marks 督办 by the committee or 督察, visible to 维权办 and audited; others are refused', async () => {
    const c = await newCase('threat_harassment');
    expect(
      (await as('traffic', 'POST', `/api/v1/cases/${c.id}/supervision`, { note: '请加快办理' })).status,
    ).toBe(403);
    expect((await as('supervisor1', 'POST', `/api/v1/cases/${c.id}/supervision`, { note: 'x' })).status).toBe(
      403,
    );
    const marked = await as('committee1', 'POST', `/api/v1/cases/${c.id}/supervision`, {
      note: '维权委督办：五个工作日内报告进展',
    });
    expect(marked.status).toBe(200);
    const seen = (await as('rights_office', 'GET', '/api/v1/cases')).body as { cases: CaseBody[] };
    expect(seen.cases.find((x) => x.id === c.id)?.supervision).toMatchObject({
      note: '维权委督办：五个工作日内报告进展',
      byName: '邱文华',
    });
    const byInspection = await as('inspection', 'POST', `/api/v1/cases/${c.id}/supervision`, {
      note: '督察跟进督办（第十九条）',
    });
    expect(byInspection.status).toBe(200);
    const full = (await as('rights_office', 'GET', `/api/v1/cases/${c.id}`)).body as CaseBody;
    expect(full.timeline?.filter((e) => e.kind === 'supervision_marked')).toHaveLength(2);
    const audit = await rt.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', `case:${c.id}`)
      .where('action', '=', 'case.supervision_marked')
      .execute();
    expect(audit).toHaveLength(2);
    // The committee's inbox lists a supervised case even when it is not serious.
    const inbox = (await as('committee_director', 'GET', '/api/v1/committee/cases')).body as {
      cases: { id: string }[];
    };
    expect(inbox.cases.map((x) => x.id)).toContain(c.id);
  });

  it('reminds of a deadline once, through the job the case scheduled on Redis', async () => {
    const c = await newCase('violent_attack');
    const due = c.deadlines.acceptance.due;
    // Local policy: 09:00 China time on the working day before.
    expect(reminderAt(due, new Map()).toISOString()).toMatch(/T01:00:00\.000Z$/);
    const queue = new Queue('escalation', {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: `${rt.ctx.config.REDIS_PREFIX}:bull`,
    });
    try {
      const jobId = `case-reminder-${c.id}-acceptance-${due}`;
      const job = await waitFor(async () => (await queue.getJob(jobId)) ?? undefined, 30_000);
      expect(await job.isDelayed()).toBe(true);
      await job.promote();
      const sent = await waitFor(async () => {
        const rows = await notices(c.id, 'reminder');
        return rows[0]?.sent_at ? rows : undefined;
      }, 30_000);
      expect(sent).toHaveLength(1);
      // Serious (violent_attack): 维权办 and the committee are reminded.
      expect(sent[0]?.audience).toEqual(['rights_office', 'committee']);
      // The same job again (a retry, a second enqueue) changes nothing.
      expect(await remindDeadline(rt.ctx, { caseId: c.id, deadline: 'acceptance', due })).toBe('already');
      expect(await notices(c.id, 'reminder')).toHaveLength(1);
      // Once decided, the acceptance deadline is no longer reminded of.
      await as('rights_office', 'POST', `/api/v1/cases/${c.id}/decision`, { decision: 'accept' });
      const feedbackDue = ((await as('rights_office', 'GET', `/api/v1/cases/${c.id}`)).body as CaseBody)
        .deadlines.feedback?.due as string;
      expect(await remindDeadline(rt.ctx, { caseId: c.id, deadline: 'acceptance', due })).toBe('not_due');
      const full = (await as('rights_office', 'GET', `/api/v1/cases/${c.id}`)).body as CaseBody;
      expect(full.timeline?.filter((e) => e.kind === 'deadline_reminder')).toHaveLength(1);
      // The feedback deadline got a reminder job of its own.
      const reminder = await waitFor(
        async () => (await queue.getJob(`case-reminder-${c.id}-feedback-${feedbackDue}`)) ?? undefined,
      );
      expect(reminder.data).toEqual({ caseId: c.id, deadline: 'feedback', due: feedbackDue });
    } finally {
      await queue.close();
    }
  });
});
