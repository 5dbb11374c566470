import type { CaseDeadlineList, CommitteeInbox } from '@shared/api/committee';
import { chinaDate } from '@shared/domain/caseDeadline';
import type { CaseNotice } from '@shared/domain/committee';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/auditLog';
import { actorOf, type Principal } from '../auth/principal';
import { committeeUser, isDirector, requireUser } from '../cases/caseAccess';
import { appendCaseEvent, bureauYears, lockCase, officersOf, toCase } from '../cases/caseRepository';
import { applyExtension, changeCase, fieldError, getCase } from '../cases/caseService';
import type { DB } from '../db/schema';
import { errors } from '../http/errors';
import { jobs } from '../jobs/jobCatalog';
import { appendOutboxJobs } from '../outbox/outboxWriter';
import { insertNotice } from './caseNotices';
import { putBeforeCommittee } from './seriousCase';

type Db = Kysely<DB>;
const iso = (d: Date | string) => new Date(d).toISOString();

async function auditCase(
  trx: Db,
  p: Principal,
  action: string,
  caseId: string,
  details: Record<string, unknown>,
) {
  await appendAudit(trx, {
    actor: actorOf(p),
    action,
    target: `case:${caseId}`,
    outcome: 'success',
    details,
  });
}

/**
 * 第十六条: 维权办 holds a case 重大、疑难、复杂 and asks for more time. The request waits on the
 * case for the director; the case goes before the committee (once) and the director is told.
 */
export async function requestExtension(
  db: Db,
  p: Principal,
  id: string,
  body: { until: string; reasons: string },
) {
  return changeCase(db, p, id, 'extension_requested', async (trx, row, user) => {
    if (row.status !== 'accepted' || !row.feedback_due)
      throw errors.conflict('only an open accepted case can ask for more time');
    if (body.until <= row.feedback_due)
      throw fieldError('body.until', `must be after the current due date ${row.feedback_due}`);
    if (row.extension_request) throw errors.conflict('a request is already waiting for the director');
    const now = new Date();
    await trx
      .updateTable('cases')
      .set({
        extension_request: JSON.stringify({
          until: body.until,
          reasons: body.reasons,
          requestedBy: `user:${user.id}`,
          requestedByName: user.displayName,
          requestedAt: now.toISOString(),
        }),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    const by = { id: `user:${user.id}`, name: user.displayName };
    await putBeforeCommittee(trx, id, ['extension_requested'], by, now);
    const noticeId = await insertNotice(
      trx,
      {
        caseId: id,
        kind: 'extension_request',
        key: `extension-${id}-${body.until}-${now.getTime()}`,
        audience: ['committee'],
        details: { until: body.until, from: row.feedback_due },
      },
      now,
    );
    if (noticeId) await appendOutboxJobs(trx, id, [jobs.caseNotice(noticeId)]);
    return { from: row.feedback_due, until: body.until, reasons: body.reasons };
  });
}

/** 第十六条: only the director (本级维权委主任) decides; another member is refused. */
export async function decideExtension(
  db: Db,
  p: Principal,
  id: string,
  body: { decision: 'approve' | 'refuse'; note?: string },
) {
  const user = requireUser(p);
  const me = await committeeUser(db, user.id);
  if (!me || !isDirector(me))
    throw errors.forbidden(
      'only the committee director (维权委主任, the 督察长) decides an extension (第十六条)',
    );
  const bureau = await bureauYears(db);
  await db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, id);
    if (!row) throw errors.notFound('case');
    const pending = row.extension_request;
    if (!pending) throw errors.conflict('no extension request is waiting');
    const by = { id: `user:${user.id}`, name: user.displayName };
    if (body.decision === 'approve') {
      const details = {
        ...(await applyExtension(trx, row, pending, { id: me.id, display_name: me.display_name }, bureau)),
        note: body.note ?? null,
        requestedByName: pending.requestedByName,
      };
      await appendCaseEvent(trx, id, by, 'feedback_extended', details);
      await auditCase(trx, p, 'case.feedback_extended', id, details);
    } else {
      await trx
        .updateTable('cases')
        .set({ extension_request: null, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      const details = { until: pending.until, reasons: pending.reasons, note: body.note ?? null };
      await appendCaseEvent(trx, id, by, 'extension_refused', details);
      await auditCase(trx, p, 'case.extension_refused', id, details);
    }
  });
  return getCase(db, p, id);
}

/**
 * 督办: the committee (第七条 对严重侵犯民警执法权威的案事件进行督办) or 督察 (第十九条 督察跟进督办,
 * the inspection department) marks a case with a note. A later mark replaces the note; every
 * mark stays on the timeline and in the audit log.
 */
export async function markSupervision(db: Db, p: Principal, id: string, note: string) {
  const user = requireUser(p);
  const allowed =
    user.role === 'committee' || (user.role === 'department_staff' && user.departmentId === 'inspection');
  if (!allowed) throw errors.forbidden('督办 is marked by the committee (第七条) or 督察 (第十九条)');
  await db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, id);
    if (!row) throw errors.notFound('case');
    if (row.status === 'refused' || row.status === 'closed')
      throw errors.conflict('a refused or closed case is not supervised');
    const now = new Date();
    await trx
      .updateTable('cases')
      .set({
        supervised_at: now,
        supervised_by: `user:${user.id}`,
        supervised_by_name: user.displayName,
        supervision_note: note,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    const by = { id: `user:${user.id}`, name: user.displayName };
    const details = { note, by: user.role === 'committee' ? 'committee' : 'inspection' };
    await appendCaseEvent(trx, id, by, 'supervision_marked', details, now);
    await auditCase(trx, p, 'case.supervision_marked', id, details);
  });
  return getCase(db, p, id);
}

/** The committee's inbox: serious, awaiting the director, or supervised; newest first. */
export async function committeeInbox(db: Db, p: Principal, now = new Date()): Promise<CommitteeInbox> {
  const user = requireUser(p);
  const me = await committeeUser(db, user.id);
  const rows = await db
    .selectFrom('cases')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('serious_reasons', 'is not', null),
        eb('extension_request', 'is not', null),
        eb('supervised_at', 'is not', null),
      ]),
    )
    .orderBy('serious_since', 'desc')
    .orderBy('received_at', 'desc')
    .limit(200)
    .execute();
  const officers = await officersOf(
    db,
    rows.map((r) => r.id),
  );
  const notices = await db
    .selectFrom('case_notices')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return {
    cases: rows.map((r) => toCase(r, officers.get(r.id) ?? [])),
    notices: notices
      .filter((n) => n.audience.includes('committee'))
      .map(
        (n): CaseNotice => ({
          id: n.id,
          caseId: n.case_id,
          kind: n.kind as CaseNotice['kind'],
          audience: n.audience as CaseNotice['audience'],
          details: n.details,
          createdAt: iso(n.created_at),
          sentAt: n.sent_at ? iso(n.sent_at) : null,
        }),
      ),
    today: chinaDate(now),
    director: me ? isDirector(me) : false,
  };
}

/** Open cases' deadlines, no content and no personal data: what a supervisor needs to chase. */
export async function caseDeadlines(db: Db, now = new Date()): Promise<CaseDeadlineList> {
  const rows = await db
    .selectFrom('cases')
    .selectAll()
    .where('status', 'in', ['received', 'accepted'])
    .orderBy('received_at', 'desc')
    .limit(500)
    .execute();
  return {
    cases: rows.map((r) => {
      const c = toCase(r, []);
      return {
        id: c.id,
        reference: c.reference,
        category: c.category,
        status: c.status,
        deadlines: c.deadlines,
        serious: c.serious,
        supervised: c.supervision !== null,
      };
    }),
    today: chinaDate(now),
  };
}
