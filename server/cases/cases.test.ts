import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../demo/demoFixtures';
import { api } from '../tasks/taskTestKit';
import { loginAs, startTestRuntime, type TestRuntime } from '../testing/testRuntime';

const officer = DEMO_USERS.find((u) => u.role === 'field_officer');

// Generous timeouts: the shared machine runs several engineers' checks at once.
describe('rights-protection cases (第十二条 to 第二十四条)', { timeout: 120_000 }, () => {
  let rt: TestRuntime;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const as = (who: string, method: string, path: string, body?: unknown) =>
    api(rt.url, method, path, cookies[who] ?? '', body);

  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
    for (const who of [
      'rights_office',
      'dispatcher1',
      'supervisor1',
      'committee_director',
      'admin',
      'traffic',
      'cyber',
      officer?.username ?? '',
    ])
      cookies[who] = await loginAs(rt.url, who);
    const users = await rt.database.db.selectFrom('users').select(['id', 'username']).execute();
    for (const u of users) ids[u.username] = u.id;
  }, 300_000);
  afterAll(async () => {
    await rt?.close();
  });

  it('lets an officer apply from the field app for himself, with the acceptance deadline in working days', async () => {
    const me = officer?.username ?? '';
    const res = await as(me, 'POST', '/api/v1/cases', {
      channel: 'mobile_app',
      category: 'threat_harassment',
      summary: '执法后被当事人跟踪到住处并威胁家人',
    });
    expect(res.status).toBe(201);
    const c = res.body as {
      id: string;
      status: string;
      deadlines: { acceptance: { due: string; basis: string } };
      applicant: { kind: string; userId: string; masked: boolean; name: string };
    };
    expect(c.status).toBe('received');
    expect(c.deadlines.acceptance.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(c.deadlines.acceptance.basis).toBe('official_calendar');
    expect(c.applicant).toMatchObject({ kind: 'officer', userId: ids[me], masked: true });
    expect(c.applicant.name).toMatch(/^.\*+$/);
    // Only for himself, only through the app.
    expect(
      (await as(me, 'POST', '/api/v1/cases', { channel: 'written', category: 'other', summary: 'x' })).status,
    ).toBe(400);
    const mine = await as(me, 'GET', '/api/v1/cases');
    expect((mine.body as { cases: { id: string }[] }).cases.map((x) => x.id)).toEqual([c.id]);
  });

  it('computes a paper application entered later from its receipt in China, across the Spring Festival', async () => {
    const res = await as('rights_office', 'POST', '/api/v1/cases', {
      channel: 'written',
      category: 'malicious_complaint',
      summary: '被恶意投诉并在网络炒作',
      applicant: { kind: 'relative', name: '李秀英', relation: 'spouse', phone: '13800001234' },
      officers: [{ name: '王辅警', auxiliary: true }],
      // 01:30 on Friday 13 February in Ganxian: Sat 14th (调休), then 24th, 25th.
      receivedAt: '2026-02-12T17:30:00Z',
    });
    expect(res.status).toBe(201);
    const c = res.body as {
      id: string;
      receivedOn: string;
      deadlines: { acceptance: unknown };
      applicant: { name: string; phone: string };
      officers: unknown[];
    };
    expect(c.receivedOn).toBe('2026-02-13');
    expect(c.deadlines.acceptance).toEqual({ due: '2026-02-25', basis: 'official_calendar' });
    expect(c.applicant).toMatchObject({ name: '李**', phone: '138****1234' });
    expect(c.officers).toEqual([{ userId: null, name: '王辅警', auxiliary: true, offDuty: false }]);
    const revealed = await as('rights_office', 'GET', `/api/v1/cases/${c.id}/personal`);
    expect(revealed.body).toMatchObject({
      applicant: { name: '李秀英', phone: '13800001234', masked: false },
    });
    const audit = await rt.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', `case:${c.id}`)
      .execute();
    expect(audit.map((a) => a.action)).toContain('case.personal_data.read');
  });

  it('keeps dispatchers out and refuses a refusal without written reasons', async () => {
    expect((await as('dispatcher1', 'GET', '/api/v1/cases')).status).toBe(403);
    const c = (
      await as('rights_office', 'POST', '/api/v1/cases', {
        channel: 'intranet',
        category: 'other',
        summary: '内网申请',
      })
    ).body as { id: string };
    expect((await as('dispatcher1', 'GET', `/api/v1/cases/${c.id}`)).status).toBe(403);
    const bad = await as('rights_office', 'POST', `/api/v1/cases/${c.id}/decision`, { decision: 'refuse' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('reasons');
    const blank = await as('rights_office', 'POST', `/api/v1/cases/${c.id}/decision`, {
      decision: 'refuse',
      reasons: '  ',
    });
    expect(blank.status).toBe(400);
    const ok = await as('rights_office', 'POST', `/api/v1/cases/${c.id}/decision`, {
      decision: 'refuse',
      reasons: '所述情形不属于因依法履行职责受到侵害',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'refused',
      deadlines: { review: { basis: 'official_calendar' } },
    });
    const doc = await fetch(`${rt.url}/api/v1/cases/${c.id}/answer`, {
      headers: { cookie: cookies.rights_office ?? '' },
    });
    const html = await doc.text();
    expect(doc.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('不予受理告知书');
    expect(html).toContain('所述情形不属于因依法履行职责受到侵害');
    expect(html).toContain('复核');
    const review = await as('rights_office', 'POST', `/api/v1/cases/${c.id}/review`, {
      note: '申请人向市局维权办申请复核',
    });
    expect(review.body).toMatchObject({ status: 'review_requested' });
  });

  it('investigates through departments, extends only with the director, answers in writing, and never makes an appeal heavier', async () => {
    const created = await as('rights_office', 'POST', '/api/v1/cases', {
      channel: 'internet',
      category: 'violent_attack',
      summary: '处警时被殴打',
      applicant: { kind: 'unit', unitName: '梅林派出所' },
      officers: [{ name: '陈警官', offDuty: true }],
    });
    const id = (created.body as { id: string }).id;
    const accepted = await as('rights_office', 'POST', `/api/v1/cases/${id}/decision`, {
      decision: 'accept',
    });
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      deadlines: { feedback: { basis: 'calendar_days' } },
    });

    const task = await as('rights_office', 'POST', `/api/v1/cases/${id}/tasks`, {
      departmentId: 'traffic',
      request: '调取事发路段监控',
    });
    expect(task.status).toBe(201);
    const taskId = (task.body as { id: string }).id;
    // 交管 sees the case through its task; 网安 does not see it at all.
    const trafficList = (await as('traffic', 'GET', '/api/v1/cases')).body as { cases: { id: string }[] };
    expect(trafficList.cases.map((c) => c.id)).toContain(id);
    expect((await as('cyber', 'GET', `/api/v1/cases/${id}`)).status).toBe(404);
    expect(
      (await as('cyber', 'POST', `/api/v1/cases/${id}/tasks/${taskId}/result`, { result: 'x' })).status,
    ).toBe(404);
    const result = await as('traffic', 'POST', `/api/v1/cases/${id}/tasks/${taskId}/result`, {
      result: '监控已调取，显示对方先动手',
    });
    expect(result.body).toMatchObject({ status: 'done', result: '监控已调取，显示对方先动手' });

    // 第十六条: an extension without the director's decision is refused.
    const due = (accepted.body as { deadlines: { feedback: { due: string } } }).deadlines.feedback.due;
    const later = new Date(Date.parse(`${due}T00:00:00Z`) + 15 * 86_400_000).toISOString().slice(0, 10);
    const noApproval = await as('rights_office', 'POST', `/api/v1/cases/${id}/extension`, {
      until: later,
      reasons: '案情复杂',
    });
    expect(noApproval.status).toBe(400);
    expect(JSON.stringify(noApproval.body)).toContain('approvedBy');
    const notDirector = await as('rights_office', 'POST', `/api/v1/cases/${id}/extension`, {
      until: later,
      reasons: '案情复杂',
      approvedBy: ids.admin,
    });
    expect(notDirector.status).toBe(403);
    const extended = await as('rights_office', 'POST', `/api/v1/cases/${id}/extension`, {
      until: later,
      reasons: '案情复杂',
      approvedBy: ids.committee_director,
    });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ deadlines: { feedback: { due: later } } });

    // 第二十四条: appeals may lighten a finding, never make it heavier.
    const remedy = (body: Record<string, unknown>) =>
      as('rights_office', 'POST', `/api/v1/cases/${id}/remedies`, {
        approvedBy: ids.committee_director,
        ...body,
      });
    expect((await remedy({ kind: 'liability_finding', finding: 'mitigated' })).status).toBe(201);
    expect((await remedy({ kind: 'liability_appeal', finding: 'liable' })).status).toBe(409);
    expect((await remedy({ kind: 'liability_finding', finding: 'liable' })).status).toBe(409);
    expect((await remedy({ kind: 'liability_appeal', finding: 'exempt' })).status).toBe(201);
    const money = await remedy({ kind: 'comfort_money', amountYuan: 5000 });
    expect(money.body).toMatchObject({
      kind: 'comfort_money',
      details: { amountYuan: 5000 },
      approvedBy: ids.committee_director,
    });
    const handling = await remedy({
      kind: 'offender_handling',
      track: 'criminal_assault_police',
      matchesViolence: true,
    });
    expect(JSON.stringify(handling.body)).toContain('第二百七十七条');
    // An approver outside the committee is refused.
    expect(
      (
        await as('rights_office', 'POST', `/api/v1/cases/${id}/remedies`, {
          kind: 'green_channel',
          hospital: '赣县区人民医院',
          approvedBy: ids.traffic,
        })
      ).status,
    ).toBe(403);

    const fed = await as('rights_office', 'POST', `/api/v1/cases/${id}/feedback`, {
      text: '经调查，行为人已被刑事拘留。\n民警行为免责。',
    });
    expect(fed.body).toMatchObject({ status: 'feedback_given', liabilityFinding: 'exempt' });
    const letter = await fetch(`${rt.url}/api/v1/cases/${id}/feedback-letter`, {
      headers: { cookie: cookies.rights_office ?? '' },
    });
    const html = await letter.text();
    expect(html).toContain('调查结论及处理情况反馈书');
    expect(html).toContain('梅林派出所');
    expect(html).toContain('行为人已被刑事拘留');

    // Supervisors no longer stand in for the committee: they see deadlines, not cases.
    expect((await as('supervisor1', 'GET', `/api/v1/cases/${id}`)).status).toBe(403);
    const full = (await as('committee_director', 'GET', `/api/v1/cases/${id}`)).body as {
      timeline: { kind: string; actorName: string }[];
    };
    expect(full.timeline.map((e) => e.kind)).toEqual([
      'received',
      // violent_attack: 第九条(一) 重大敏感案事件, before the committee (local policy)
      'put_before_committee',
      'accepted',
      'task_assigned',
      'task_result',
      'feedback_extended',
      'remedy_liability_finding',
      'remedy_liability_appeal',
      'remedy_comfort_money',
      'remedy_offender_handling',
      'feedback_given',
    ]);
    expect(full.timeline.every((e) => e.actorName)).toBe(true);
    const reexam = await as('rights_office', 'POST', `/api/v1/cases/${id}/escalation`, {
      kind: 'reexamination',
      note: '申请人不满意，向市局申请复查',
    });
    expect(reexam.body).toMatchObject({ status: 'reexamination_requested' });
  });

  it('lets only an administrator enter a year’s official schedule', async () => {
    const year = { year: 2027, holidays: ['2027-10-01', '2027-10-04'], workdays: ['2027-09-26'] };
    expect((await as('rights_office', 'PUT', '/api/v1/case-calendar/2027', year)).status).toBe(403);
    const bad = await as('admin', 'PUT', '/api/v1/case-calendar/2027', { ...year, workdays: ['2027-10-01'] });
    expect(bad.status).toBe(400);
    expect((await as('admin', 'PUT', '/api/v1/case-calendar/2027', year)).status).toBe(200);
    const listed = (await as('rights_office', 'GET', '/api/v1/case-calendar')).body as {
      years: { year: number }[];
      packagedThrough: number;
    };
    expect(listed.years.map((y) => y.year)).toEqual([2027]);
    expect(listed.packagedThrough).toBe(2026);
  });
});
