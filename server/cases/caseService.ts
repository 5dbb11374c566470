import { randomUUID } from 'node:crypto';
import type { CaseDecisionRequest, CreateCaseRequest } from '@shared/api/cases';
import type { Case, CaseOfficer, CaseTask } from '@shared/domain/case';
import { chinaDate } from '@shared/domain/caseDeadline';
import { seriousReasonsOf } from '@shared/domain/committee';
import type { DepartmentId } from '@shared/domain/department';
import type { User } from '@shared/domain/user';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/auditLog';
import { actorOf, type Principal } from '../auth/principal';
import { reminderJob } from '../committee/caseReminders';
import { putBeforeCommittee } from '../committee/seriousCase';
import type { DB } from '../db/schema';
import { AppError, errors } from '../http/errors';
import { findIncident } from '../incidents/incidentRepository';
import { jobs } from '../jobs/jobCatalog';
import { appendOutboxJobs } from '../outbox/outboxWriter';
import {
  assertManages,
  assertSeesCase,
  isDirector,
  managesCases,
  requireUser,
  seesAllCases,
} from './caseAccess';
import type { StoredApplicant } from './caseMasking';
import {
  appendCaseEvent,
  bureauYears,
  type CaseRow,
  findCaseRow,
  insertCase,
  listCaseRows,
  lockCase,
  nextReference,
  officersOf,
  remediesOf,
  tasksOfCase,
  timelineOf,
  toCase,
  toCaseTask,
} from './caseRepository';
import { addCalendarDays, addWorkingDays, receiptDate } from './workingDays';

/** 第十四条, 第十五条, 第十六条: the counts the measures give. */
export const ACCEPTANCE_WORKING_DAYS = 3;
export const REVIEW_WORKING_DAYS = 10;
export const FEEDBACK_DAYS = 30;

type Db = Kysely<DB>;

function actor(u: User) {
  return { id: `user:${u.id}`, name: u.displayName };
}

function fieldError(path: string, message: string): AppError {
  return new AppError('validation_failed', `${path}: ${message}`, [{ path, message }]);
}

async function audit(
  trx: Db,
  p: Principal,
  action: string,
  target: string,
  details: Record<string, unknown> = {},
) {
  await appendAudit(trx, {
    actor: actorOf(p),
    action,
    target: `case:${target}`,
    outcome: 'success',
    details,
  });
  // Every audited change to a case may fire or clear a warning (a deadline met, handling recorded).
  if (trx.isTransaction) await appendOutboxJobs(trx, target, [jobs.warningsEvaluate('case')]);
}

function normaliseOfficers(input: readonly CaseOfficer[]): CaseOfficer[] {
  return input.map((o) => ({
    userId: o.userId ?? null,
    name: o.name,
    auxiliary: o.auxiliary,
    offDuty: o.offDuty,
  }));
}

/** 第十二条 / 第十三条第二款: an application or a department's lead becomes a case. */
export async function createCase(
  db: Db,
  p: Principal,
  body: CreateCaseRequest,
  now = new Date(),
): Promise<Case> {
  const user = requireUser(p);
  const manager = managesCases(p);
  if (!manager) {
    if (user.role === 'field_officer') {
      // An officer applies from the field app for himself (第十二条 警务通“维权申请APP”).
      if (body.channel !== 'mobile_app')
        throw fieldError('body.channel', 'from the field app the channel is mobile_app');
      if (
        body.applicant &&
        (body.applicant.kind !== 'officer' || (body.applicant.userId && body.applicant.userId !== user.id))
      )
        throw errors.forbidden('an officer applies for himself; relatives and units apply through 维权办');
    } else if (user.role === 'department_staff') {
      if (body.channel !== 'referral')
        throw errors.forbidden(
          'a department passes on a lead (channel referral); 维权办 enters applications',
        );
    } else {
      throw errors.forbidden('only 维权办 enters applications');
    }
  }
  const receivedAt = body.receivedAt ? new Date(body.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 60_000)
    throw fieldError('body.receivedAt', 'may not be in the future');
  if (body.incidentId && !(await findIncident(db, body.incidentId)))
    throw fieldError('body.incidentId', 'no such incident');

  const applicantInput = body.applicant ?? { kind: 'officer' as const };
  let stored: StoredApplicant;
  let applicantUserId: string | null = null;
  if (applicantInput.kind === 'officer') {
    applicantUserId = applicantInput.userId ?? user.id;
    const named =
      applicantUserId === user.id
        ? user.displayName
        : (
            await db
              .selectFrom('users')
              .select('display_name')
              .where('id', '=', applicantUserId)
              .executeTakeFirst()
          )?.display_name;
    if (!named) throw fieldError('body.applicant.userId', 'no such officer');
    stored = { kind: 'officer', name: applicantInput.name ?? named, phone: applicantInput.phone ?? null };
  } else if (applicantInput.kind === 'relative') {
    applicantUserId = applicantInput.officerUserId ?? null;
    stored = {
      kind: 'relative',
      name: applicantInput.name,
      relation: applicantInput.relation,
      phone: applicantInput.phone ?? null,
    };
  } else {
    stored = {
      kind: 'unit',
      unitName: applicantInput.unitName,
      name: applicantInput.contactName ?? null,
      phone: applicantInput.phone ?? null,
    };
  }
  let officers = normaliseOfficers(body.officers ?? []);
  if (officers.length === 0 && applicantInput.kind === 'officer' && applicantUserId && stored.name)
    officers = [{ userId: applicantUserId, name: stored.name, auxiliary: false, offDuty: false }];

  return openCase(db, p, user, {
    channel: body.channel,
    category: body.category,
    summary: body.summary,
    stored,
    applicantUserId,
    incidentId: body.incidentId ?? null,
    officers,
    receivedAt,
    now,
  });
}

interface OpenCase {
  channel: Case['channel'];
  category: Case['category'];
  summary: string;
  stored: StoredApplicant;
  applicantUserId: string | null;
  incidentId: string | null;
  officers: CaseOfficer[];
  receivedAt: Date;
  now: Date;
  fromIncident?: boolean;
}

async function openCase(db: Db, p: Principal, user: User, c: OpenCase): Promise<Case> {
  const bureau = await bureauYears(db);
  const receivedOn = receiptDate(c.receivedAt);
  const acceptance = addWorkingDays(receivedOn, ACCEPTANCE_WORKING_DAYS, bureau);
  const id = randomUUID();
  const injured = c.incidentId ? ((await findIncident(db, c.incidentId))?.injured ?? false) : false;
  await db.transaction().execute(async (trx) => {
    const reference = await nextReference(trx, receivedOn.slice(0, 4));
    await insertCase(
      trx,
      {
        id,
        reference,
        status: 'received',
        channel: c.channel,
        category: c.category,
        summary: c.summary,
        applicant_kind: c.stored.kind,
        applicant_user_id: c.applicantUserId,
        applicant: JSON.stringify(c.stored),
        incident_id: c.incidentId,
        received_at: c.receivedAt,
        received_on: receivedOn,
        acceptance_due: acceptance.due,
        acceptance_basis: acceptance.basis,
        created_by: actorOf(p),
        created_at: c.now,
        updated_at: c.now,
      },
      c.officers,
    );
    await appendCaseEvent(
      trx,
      id,
      actor(user),
      c.fromIncident ? 'opened_from_incident' : 'received',
      {
        channel: c.channel,
        receivedOn,
        acceptanceDue: acceptance.due,
        basis: acceptance.basis,
        incidentId: c.incidentId,
      },
      c.now,
    );
    await audit(trx, p, 'case.create', id, { channel: c.channel, reference });
    await putBeforeCommittee(
      trx,
      id,
      seriousReasonsOf({ category: c.category, injured }),
      actor(user),
      c.now,
    );
    await appendOutboxJobs(trx, id, [reminderJob(id, 'acceptance', acceptance.due, bureau, c.now)]);
  });
  return getCase(db, p, id);
}

/** 第十三条: 维权办's linkage task opens the case in one step, with the incident's facts. */
export async function openCaseFromIncident(
  db: Db,
  p: Principal,
  incidentId: string,
  now = new Date(),
): Promise<{ case: Case; existed: boolean }> {
  const user = assertManages(p);
  const existing = await db
    .selectFrom('cases')
    .select('id')
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  if (existing) return { case: await getCase(db, p, existing.id), existed: true };
  const incident = await findIncident(db, incidentId);
  if (!incident) throw errors.notFound('incident');
  const ids = incident.officers.flatMap((o) => ('userId' in o ? [o.userId] : []));
  const names = new Map(
    ids.length
      ? (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()).map(
          (u) => [u.id, u.display_name],
        )
      : [],
  );
  const officers: CaseOfficer[] = incident.officers.map((o) =>
    'userId' in o
      ? { userId: o.userId, name: names.get(o.userId) ?? o.userId, auxiliary: false, offDuty: false }
      : {
          userId: null,
          name: o.name,
          auxiliary: /辅警/.test(o.note ?? ''),
          offDuty: /非工作时间|休息|下班/.test(o.note ?? ''),
        },
  );
  const unit = incident.raisedByUnitId
    ? await db
        .selectFrom('units')
        .select('call_sign')
        .where('id', '=', incident.raisedByUnitId)
        .executeTakeFirst()
    : undefined;
  const facts = [
    `${incident.reference}`,
    incident.address ?? '',
    incident.description,
    incident.injured ? '民警受伤' : '',
  ]
    .filter(Boolean)
    .join('；');
  const c = await openCase(db, p, user, {
    channel: 'referral',
    category: incident.category,
    summary: facts,
    stored: { kind: 'unit', unitName: unit?.call_sign ?? '指挥中心' },
    applicantUserId: incident.raisedByUserId,
    incidentId,
    officers,
    receivedAt: now,
    now,
    fromIncident: true,
  });
  return { case: c, existed: false };
}

export async function getCase(db: Db, p: Principal, id: string): Promise<Case> {
  const row = await findCaseRow(db, id);
  if (!row) throw errors.notFound('case');
  const why = await assertSeesCase(db, p, row);
  const officers = (await officersOf(db, [id])).get(id) ?? [];
  const user = requireUser(p);
  return {
    ...toCase(row, officers),
    timeline: why === 'department' ? [] : await timelineOf(db, id),
    tasks: await tasksOfCase(db, id, why === 'department' ? (user.departmentId ?? undefined) : undefined),
    remedies: why === 'department' ? [] : await remediesOf(db, id),
  };
}

export async function listCases(
  db: Db,
  p: Principal,
  q: { status?: Case['status']; incidentId?: string; overdue?: string; limit: number },
  now = new Date(),
): Promise<{ cases: Case[]; today: string }> {
  const user = requireUser(p);
  const today = chinaDate(now);
  const base = { status: q.status, incidentId: q.incidentId, limit: q.limit };
  const filter = seesAllCases(p)
    ? base
    : user.role === 'department_staff' && user.departmentId
      ? { ...base, taskDepartmentId: user.departmentId }
      : { ...base, applicantUserId: user.id };
  let rows = await listCaseRows(db, filter);
  if (q.overdue) rows = rows.filter((r) => openDeadline(r) !== null && (openDeadline(r) ?? '') < today);
  const officers = await officersOf(
    db,
    rows.map((r) => r.id),
  );
  return { cases: rows.map((r) => toCase(r, officers.get(r.id) ?? [])), today };
}

/** The deadline 维权办 itself is working against: the decision, then the written feedback. */
export function openDeadline(
  row: Pick<CaseRow, 'status' | 'acceptance_due' | 'feedback_due'>,
): string | null {
  if (row.status === 'received') return row.acceptance_due;
  if (row.status === 'accepted') return row.feedback_due;
  return null;
}

/** Every change to a case: lock it, check its state, change it, record the step and audit it. */
async function changeCase(
  db: Db,
  p: Principal,
  id: string,
  action: string,
  change: (trx: Db, row: CaseRow, user: User) => Promise<Record<string, unknown>>,
): Promise<Case> {
  const user = assertManages(p);
  await db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, id);
    if (!row) throw errors.notFound('case');
    const details = await change(trx, row, user);
    await appendCaseEvent(trx, id, actor(user), action, details);
    await audit(trx, p, `case.${action}`, id, details);
  });
  return getCase(db, p, id);
}

/** 第十四条: accept (受理, 登记) or refuse with written reasons. */
export async function decideCase(
  db: Db,
  p: Principal,
  id: string,
  body: CaseDecisionRequest,
  now = new Date(),
) {
  const bureau = await bureauYears(db);
  return changeCase(
    db,
    p,
    id,
    body.decision === 'accept' ? 'accepted' : 'refused',
    async (trx, row, user) => {
      if (row.status !== 'received') throw errors.conflict(`the case was already decided (${row.status})`);
      const today = chinaDate(now);
      const inTime = today <= row.acceptance_due;
      if (body.decision === 'accept') {
        const feedback = addCalendarDays(today, FEEDBACK_DAYS);
        await trx
          .updateTable('cases')
          .set({
            status: 'accepted',
            decision: 'accept',
            decided_at: now,
            decided_by: user.id,
            accepted_on: today,
            feedback_due: feedback.due,
            feedback_basis: feedback.basis,
            updated_at: now,
          })
          .where('id', '=', id)
          .execute();
        await appendOutboxJobs(trx, id, [reminderJob(id, 'feedback', feedback.due, bureau, now)]);
        return { decidedOn: today, inTime, feedbackDue: feedback.due, note: body.note ?? null };
      }
      const review = addWorkingDays(today, REVIEW_WORKING_DAYS, bureau);
      await trx
        .updateTable('cases')
        .set({
          status: 'refused',
          decision: 'refuse',
          decided_at: now,
          decided_by: user.id,
          refusal_reasons: body.reasons,
          review_due: review.due,
          review_basis: review.basis,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      return { decidedOn: today, inTime, reasons: body.reasons, reviewDue: review.due };
    },
  );
}

/** 第十五条: the applicant asked the next level for 复核; 维权办 records it and sends it up. */
export async function recordReview(
  db: Db,
  p: Principal,
  id: string,
  body: { requestedAt?: string; note: string },
) {
  return changeCase(db, p, id, 'review_requested', async (trx, row) => {
    if (row.status !== 'refused') throw errors.conflict('复核 is asked against a refusal');
    const requestedAt = body.requestedAt ? new Date(body.requestedAt) : new Date();
    const on = chinaDate(requestedAt);
    await trx
      .updateTable('cases')
      .set({ status: 'review_requested', updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    return {
      requestedOn: on,
      withinTime: row.review_due !== null && on <= row.review_due,
      sentTo: 'next_level',
      note: body.note,
    };
  });
}

function assertAccepted(row: CaseRow): void {
  if (
    row.status !== 'accepted' &&
    row.status !== 'feedback_given' &&
    row.status !== 'reexamination_requested'
  )
    throw errors.conflict('only an accepted case is investigated');
}

/** 第十六条: 维权办 asks a department to investigate or act. */
export async function addCaseTask(
  db: Db,
  p: Principal,
  id: string,
  body: { departmentId: DepartmentId; request: string },
): Promise<CaseTask> {
  const taskId = randomUUID();
  await changeCase(db, p, id, 'task_assigned', async (trx, row) => {
    assertAccepted(row);
    const now = new Date();
    await trx
      .insertInto('case_tasks')
      .values({
        id: taskId,
        case_id: id,
        department_id: body.departmentId,
        request: body.request,
        status: 'open',
        created_by: actorOf(p),
        created_at: now,
      })
      .execute();
    await trx.updateTable('cases').set({ updated_at: now }).where('id', '=', id).execute();
    return { taskId, departmentId: body.departmentId, request: body.request };
  });
  const row = await db
    .selectFrom('case_tasks')
    .selectAll()
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();
  return toCaseTask(row);
}

/** The department (its own task only) or 维权办 records the task's result. */
export async function recordTaskResult(db: Db, p: Principal, id: string, taskId: string, result: string) {
  const user = requireUser(p);
  await db.transaction().execute(async (trx) => {
    const task = await trx
      .selectFrom('case_tasks')
      .selectAll()
      .where('id', '=', taskId)
      .where('case_id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!task) throw errors.notFound('task');
    if (!managesCases(p) && !(user.role === 'department_staff' && user.departmentId === task.department_id))
      // as for the case itself: another department's task is not there at all for them
      throw errors.notFound('task');
    if (task.status === 'done') throw errors.conflict('the result is already recorded');
    const now = new Date();
    await trx
      .updateTable('case_tasks')
      .set({ status: 'done', result, completed_at: now, completed_by: actorOf(p) })
      .where('id', '=', taskId)
      .execute();
    await trx.updateTable('cases').set({ updated_at: now }).where('id', '=', id).execute();
    const details = { taskId, departmentId: task.department_id, result };
    await appendCaseEvent(trx, id, actor(user), 'task_result', details, now);
    await audit(trx, p, 'case.task_result', id, details);
  });
  const row = await db
    .selectFrom('case_tasks')
    .selectAll()
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();
  return toCaseTask(row);
}

/** 第十六条: the written feedback (调查结论及处理情况) to the applicant. */
export async function giveFeedback(db: Db, p: Principal, id: string, text: string, now = new Date()) {
  return changeCase(db, p, id, 'feedback_given', async (trx, row) => {
    if (row.status !== 'accepted') throw errors.conflict('feedback follows acceptance, once');
    await trx
      .updateTable('cases')
      .set({ status: 'feedback_given', feedback_given_at: now, feedback_text: text, updated_at: now })
      .where('id', '=', id)
      .execute();
    const on = chinaDate(now);
    return { givenOn: on, inTime: row.feedback_due !== null && on <= row.feedback_due };
  });
}

/** 第十六条: a longer time only by decision of the committee's director; without it, refused. */
export async function extendFeedback(
  db: Db,
  p: Principal,
  id: string,
  body: { until: string; reasons: string; approvedBy?: string },
) {
  if (!body.approvedBy)
    throw fieldError(
      'body.approvedBy',
      'an extension needs the decision of the committee director (维权委主任, 第十六条)',
    );
  const approver = await db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'display_name', 'disabled', 'committee_director'])
    .where('id', '=', body.approvedBy)
    .executeTakeFirst();
  if (!approver || !isDirector(approver))
    throw errors.forbidden(
      'only the committee director (维权委主任, the 督察长) may extend the time (第十六条)',
    );
  const bureau = await bureauYears(db);
  return changeCase(db, p, id, 'feedback_extended', (trx, row) =>
    applyExtension(trx, row, { until: body.until, reasons: body.reasons }, approver, bureau),
  );
}

/**
 * Moves the feedback deadline once the director has decided (第十六条), clears a pending request,
 * and schedules the reminder of the new date. The caller records the step and audits it.
 */
export async function applyExtension(
  trx: Db,
  row: CaseRow,
  body: { until: string; reasons: string },
  approver: { id: string; display_name: string },
  bureau: Awaited<ReturnType<typeof bureauYears>>,
) {
  if (row.status !== 'accepted' || !row.feedback_due)
    throw errors.conflict('only an open accepted case can be extended');
  if (body.until <= row.feedback_due)
    throw fieldError('body.until', `must be after the current due date ${row.feedback_due}`);
  const now = new Date();
  await trx
    .updateTable('cases')
    .set({
      feedback_due: body.until,
      feedback_basis: 'calendar_days',
      feedback_extended: true,
      extension_request: null,
      updated_at: now,
    })
    .where('id', '=', row.id)
    .execute();
  await appendOutboxJobs(trx, row.id, [reminderJob(row.id, 'feedback', body.until, bureau, now)]);
  return {
    from: row.feedback_due,
    until: body.until,
    reasons: body.reasons,
    approvedBy: approver.id,
    approvedByName: approver.display_name,
  };
}

/** 第十七条 复查 asked by the applicant, 第十八条 referral up by 维权办: both recorded. */
export async function escalateCase(
  db: Db,
  p: Principal,
  id: string,
  body: { kind: 'reexamination' | 'referral_up'; note: string },
) {
  return changeCase(
    db,
    p,
    id,
    body.kind === 'reexamination' ? 'reexamination_requested' : 'referred_up',
    async (trx, row) => {
      const now = new Date();
      if (body.kind === 'reexamination') {
        if (row.status !== 'feedback_given')
          throw errors.conflict('复查 is asked after the written feedback');
        await trx
          .updateTable('cases')
          .set({ status: 'reexamination_requested', updated_at: now })
          .where('id', '=', id)
          .execute();
      } else {
        assertAccepted(row);
        await trx
          .updateTable('cases')
          .set({ referred_up_at: now, updated_at: now })
          .where('id', '=', id)
          .execute();
      }
      return { note: body.note, sentTo: 'next_level' };
    },
  );
}

/** The applicant's data unmasked, for the one who needs to call back; every reveal is audited. */
export async function revealPersonal(db: Db, p: Principal, id: string, requestId?: string) {
  assertManages(p);
  const row = await findCaseRow(db, id);
  if (!row) throw errors.notFound('case');
  await appendAudit(db, {
    actor: actorOf(p),
    action: 'case.personal_data.read',
    target: `case:${id}`,
    outcome: 'success',
    requestId: requestId ?? null,
  });
  const officers = (await officersOf(db, [id])).get(id) ?? [];
  return { applicant: toCase(row, officers, true).applicant };
}

export { actor as caseActor, audit as auditCase, changeCase, fieldError };
