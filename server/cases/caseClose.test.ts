import { createHash } from 'node:crypto';
import { routes } from '@shared/api/routes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldOfficer, createSession } from '../testing/factories';
import { expectError, expectOk, type TestClient, testClient } from '../testing/testClient';
import { startTestRuntime, type TestRuntime } from '../testing/testRuntime';
import { runUpload } from '../testing/tusUpload';

const r = routes.cases;

// Generous timeouts: the shared machine runs several engineers' checks at once.
describe('case attachments and the checkpoints before closing (issue #12 item 1, #13 item 5)', {
  timeout: 120_000,
}, () => {
  let rt: TestRuntime;
  let office: TestClient;
  let officer: TestClient;
  let stranger: TestClient;
  let admin: TestClient;
  let cookies: { office: string; officer: string; stranger: string };
  let approverId: string;

  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
    const db = rt.database.db;
    const o = await createSession(db, rt.url, { role: 'department_staff', departmentId: 'rights_office' });
    const f = await createFieldOfficer(db, rt.url);
    const s = await createFieldOfficer(db, rt.url);
    const a = await createSession(db, rt.url, { role: 'admin' });
    // Remedies are approved by the committee (维权委), no longer by the supervisor on duty (caseAccess.ts).
    const member = await createSession(db, rt.url, { role: 'committee' });
    approverId = member.user.id;
    cookies = { office: o.cookie, officer: f.cookie, stranger: s.cookie };
    office = testClient(rt.url, o.cookie);
    officer = testClient(rt.url, f.cookie);
    stranger = testClient(rt.url, s.cookie);
    admin = testClient(rt.url, a.cookie);
  }, 300_000);
  afterAll(async () => {
    await rt?.close();
  });

  it('refuses to close while checkpoints are missing, lists them, and closes once all pass', async () => {
    const c = expectOk(
      await officer(r.create, {
        body: { channel: 'mobile_app', category: 'violent_attack', summary: '处警时被当事人殴打' },
      }),
      201,
    );
    const id = c.id;

    const first = expectError(await office(r.close, { params: { id }, body: {} }), 409, 'conflict');
    expect(first.details?.map((d) => d.path)).toEqual([
      'checkpoints.acceptance_decision',
      'checkpoints.evidence_attached',
      'checkpoints.offender_handling',
      'checkpoints.written_feedback',
    ]);
    expect(first.details?.[0]?.message).toContain('受理决定已记录');
    // A violent attack raises no question about the officer's own conduct: no finding is due.
    const list0 = expectOk(await office(r.checklist, { params: { id } }));
    expect(list0.checkpoints.find((x) => x.id === 'liability_finding')).toMatchObject({
      applies: false,
      passed: true,
    });

    expectOk(await office(r.decide, { params: { id }, body: { decision: 'accept' } }));

    // The applicant attaches a photo through the resumable upload; the server hashes it.
    const photo = Buffer.from('现场照片：民警手臂擦伤');
    const sha256 = createHash('sha256').update(photo).digest('hex');
    const run = await runUpload(rt, cookies.officer, photo, {
      caseId: id,
      filename: 'injury.jpg',
      filetype: 'image/jpeg',
      kind: 'photo',
      sha256,
    });
    expect(run.headers).toEqual({ 'Upload-Sha256': sha256, 'Upload-Verified': 'true' });
    const uploadId = run.url?.split('/').pop() ?? '';
    // Another officer may neither attach to it nor read its files.
    await expect(
      runUpload(rt, cookies.stranger, photo, { caseId: id, filename: 'x.jpg', sha256 }),
    ).rejects.toThrow();
    expectError(await stranger(r.attachments, { params: { id } }), 404);

    const files = expectOk(await office(r.attachments, { params: { id } }));
    expect(files.uploads).toEqual([
      expect.objectContaining({ id: uploadId, caseId: id, incidentId: null, status: 'stored', sha256 }),
    ]);
    const custody = expectOk(await office(routes.evidence.custody, { params: { id: uploadId } }));
    expect(custody.entries.map((e) => e.action)).toEqual(['created', 'stored']);
    expect(custody.entries[0]?.details).toMatchObject({ caseId: id, clientSha256: sha256 });
    // 维权办 attaches too.
    const memo = Buffer.from('调查笔录');
    await runUpload(rt, cookies.office, memo, {
      caseId: id,
      filename: 'memo.txt',
      sha256: createHash('sha256').update(memo).digest('hex'),
    });
    expect(expectOk(await officer(r.attachments, { params: { id } })).uploads).toHaveLength(2);

    // An administrator extends the checklist; a person confirms the new item with a note.
    const added = expectOk(
      await admin(r.addCheckpoint, {
        body: { id: 'archive_reviewed', labelZh: '卷宗已审核归档', labelEn: 'File reviewed for archive' },
      }),
      201,
    );
    expect(added.kind).toBe('confirmed');
    expectError(await office(r.addCheckpoint, { body: { id: 'nope', labelZh: '否', labelEn: 'No' } }), 403);

    const second = expectError(await office(r.close, { params: { id }, body: {} }), 409);
    expect(second.details?.map((d) => d.path)).toEqual([
      'checkpoints.offender_handling',
      'checkpoints.written_feedback',
      'checkpoints.archive_reviewed',
    ]);

    expectOk(
      await office(r.addRemedy, {
        params: { id },
        body: {
          kind: 'offender_handling',
          track: 'criminal_assault_police',
          matchesViolence: true,
          approvedBy: approverId,
        },
      }),
      201,
    );
    expectOk(
      await office(r.feedback, { params: { id }, body: { text: '经调查，违法行为人已被刑事拘留。' } }),
    );
    const confirmed = expectOk(
      await office(r.confirmCheckpoint, {
        params: { id, checkpointId: 'archive_reviewed' },
        body: { note: '卷宗齐全，已审核' },
      }),
    );
    expect(confirmed.ready).toBe(true);
    expect(confirmed.checkpoints.find((x) => x.id === 'archive_reviewed')?.confirmation?.note).toBe(
      '卷宗齐全，已审核',
    );

    const closed = expectOk(await office(r.close, { params: { id }, body: { note: '结案' } }));
    expect(closed.status).toBe('closed');
    expect(Date.parse(closed.closedAt ?? '')).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(closed.timeline?.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['attachment_added', 'checkpoint_confirmed', 'closed']),
    );
    expectError(await office(r.close, { params: { id }, body: {} }), 409);

    const audit = await rt.database.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('target', '=', `case:${id}`)
      .execute();
    expect(audit.filter((a) => a.action === 'case.close_refused')).toHaveLength(2);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['case.closed', 'case.checkpoint_confirmed', 'evidence_upload.list']),
    );
  });

  it('asks for the liability finding where the officer’s conduct is in question', async () => {
    const c = expectOk(
      await office(r.create, {
        body: {
          channel: 'written',
          category: 'malicious_complaint',
          summary: '被恶意投诉',
          applicant: { kind: 'unit', unitName: '城关派出所' },
        },
      }),
      201,
    );
    const err = expectError(await office(r.close, { params: { id: c.id }, body: {} }), 409);
    expect(err.details?.map((d) => d.path)).toContain('checkpoints.liability_finding');
  });
});
