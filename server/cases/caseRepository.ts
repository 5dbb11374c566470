import type { Case, CaseEvent, CaseOfficer, CaseRemedy, CaseStatus, CaseTask } from '@shared/domain/case';
import type { YearSchedule } from '@shared/domain/caseDeadline';
import type { DepartmentId } from '@shared/domain/department';
import type { Insertable, Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { CasesTable, DB } from '../db/schema';
import { maskApplicant, type StoredApplicant } from './caseMasking';

export type CaseRow = Selectable<CasesTable>;

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

export async function nextReference(trx: Kysely<DB>, year: string): Promise<string> {
  const { rows } = await sql<{ n: number | string }>`SELECT nextval('case_reference_seq') AS n`.execute(trx);
  return `WQ-${year}-${String(rows[0]?.n ?? 0).padStart(4, '0')}`;
}

export async function insertCase(
  trx: Kysely<DB>,
  row: Insertable<CasesTable>,
  officers: readonly CaseOfficer[],
): Promise<void> {
  await trx.insertInto('cases').values(row).execute();
  if (officers.length === 0) return;
  await trx
    .insertInto('case_officers')
    .values(
      officers.map((o, position) => ({
        case_id: row.id,
        position,
        user_id: o.userId ?? null,
        name: o.name,
        auxiliary: o.auxiliary,
        off_duty: o.offDuty,
      })),
    )
    .execute();
}

export async function appendCaseEvent(
  trx: Kysely<DB>,
  caseId: string,
  actor: { id: string; name: string | null },
  kind: string,
  details: Record<string, unknown> = {},
  at: Date = new Date(),
): Promise<void> {
  await trx
    .insertInto('case_events')
    .values({
      case_id: caseId,
      at,
      actor: actor.id,
      actor_name: actor.name,
      kind,
      details: JSON.stringify(details),
    })
    .execute();
}

export function lockCase(trx: Kysely<DB>, id: string): Promise<CaseRow | undefined> {
  return trx.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findCaseRow(db: Kysely<DB>, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface CaseFilter {
  status?: CaseStatus;
  incidentId?: string;
  applicantUserId?: string;
  /** Only cases with a task for this department (第十一条(八): departments see cases through their tasks). */
  taskDepartmentId?: DepartmentId;
  limit: number;
}

export async function listCaseRows(db: Kysely<DB>, filter: CaseFilter): Promise<CaseRow[]> {
  let q = db.selectFrom('cases').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.incidentId) q = q.where('incident_id', '=', filter.incidentId);
  if (filter.applicantUserId) q = q.where('applicant_user_id', '=', filter.applicantUserId);
  const dept = filter.taskDepartmentId;
  if (dept)
    q = q.where('id', 'in', db.selectFrom('case_tasks').select('case_id').where('department_id', '=', dept));
  return q.orderBy('received_at', 'desc').limit(filter.limit).execute();
}

export async function officersOf(
  db: Kysely<DB>,
  caseIds: readonly string[],
): Promise<Map<string, CaseOfficer[]>> {
  const map = new Map<string, CaseOfficer[]>();
  if (caseIds.length === 0) return map;
  const rows = await db
    .selectFrom('case_officers')
    .selectAll()
    .where('case_id', 'in', caseIds)
    .orderBy('case_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const list = map.get(r.case_id) ?? [];
    list.push({ userId: r.user_id, name: r.name, auxiliary: r.auxiliary, offDuty: r.off_duty });
    map.set(r.case_id, list);
  }
  return map;
}

export async function timelineOf(db: Kysely<DB>, caseId: string): Promise<CaseEvent[]> {
  const rows = await db
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: iso(r.at),
    actor: r.actor,
    actorName: r.actor_name,
    kind: r.kind,
    details: r.details,
  }));
}

export async function tasksOfCase(
  db: Kysely<DB>,
  caseId: string,
  departmentId?: DepartmentId,
): Promise<CaseTask[]> {
  let q = db.selectFrom('case_tasks').selectAll().where('case_id', '=', caseId);
  if (departmentId) q = q.where('department_id', '=', departmentId);
  const rows = await q.orderBy('created_at').execute();
  return rows.map(toCaseTask);
}

export function toCaseTask(r: Selectable<DB['case_tasks']>): CaseTask {
  return {
    id: r.id,
    departmentId: r.department_id as CaseTask['departmentId'],
    request: r.request,
    status: r.status === 'done' ? 'done' : 'open',
    result: r.result,
    createdAt: iso(r.created_at),
    completedAt: isoOrNull(r.completed_at),
  };
}

export async function remediesOf(db: Kysely<DB>, caseId: string): Promise<CaseRemedy[]> {
  const rows = await db
    .selectFrom('case_remedies')
    .innerJoin('users', 'users.id', 'case_remedies.approved_by')
    .selectAll('case_remedies')
    .select('users.display_name')
    .where('case_id', '=', caseId)
    .orderBy('at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as CaseRemedy['kind'],
    details: r.details,
    approvedBy: r.approved_by,
    approvedByName: r.display_name,
    recordedBy: r.recorded_by,
    at: iso(r.at),
  }));
}

export async function bureauYears(db: Kysely<DB>): Promise<Map<number, YearSchedule>> {
  const rows = await db.selectFrom('working_calendar_years').selectAll().execute();
  return new Map(rows.map((r) => [r.year, { year: r.year, holidays: r.holidays, workdays: r.workdays }]));
}

/** The case as the API shows it; the applicant masked unless `reveal`. */
export function toCase(row: CaseRow, officers: CaseOfficer[], reveal = false): Case {
  const deadlines: Case['deadlines'] = {
    acceptance: {
      due: row.acceptance_due,
      basis: row.acceptance_basis as Case['deadlines']['acceptance']['basis'],
    },
  };
  if (row.review_due && row.review_basis)
    deadlines.review = {
      due: row.review_due,
      basis: row.review_basis as Case['deadlines']['acceptance']['basis'],
    };
  if (row.feedback_due && row.feedback_basis)
    deadlines.feedback = {
      due: row.feedback_due,
      basis: row.feedback_basis as Case['deadlines']['acceptance']['basis'],
    };
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as Case['status'],
    channel: row.channel as Case['channel'],
    category: row.category as Case['category'],
    summary: row.summary,
    applicant: maskApplicant(row.applicant as unknown as StoredApplicant, row.applicant_user_id, reveal),
    officers,
    incidentId: row.incident_id,
    receivedAt: iso(row.received_at),
    receivedOn: row.received_on,
    deadlines,
    decision: row.decision === 'accept' || row.decision === 'refuse' ? row.decision : null,
    decidedAt: isoOrNull(row.decided_at),
    refusalReasons: row.refusal_reasons,
    feedbackGivenAt: isoOrNull(row.feedback_given_at),
    referredUpAt: isoOrNull(row.referred_up_at),
    liabilityFinding: (row.liability_finding as Case['liabilityFinding']) ?? null,
    closedAt: isoOrNull(row.closed_at),
    serious: (row.serious_reasons ?? []) as Case['serious'],
    supervision:
      row.supervised_at && row.supervised_by
        ? {
            note: row.supervision_note ?? '',
            by: row.supervised_by,
            byName: row.supervised_by_name,
            at: iso(row.supervised_at),
          }
        : null,
    extensionRequest: row.extension_request
      ? {
          until: row.extension_request.until,
          reasons: row.extension_request.reasons,
          requestedByName: row.extension_request.requestedByName,
          requestedAt: row.extension_request.requestedAt,
        }
      : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
