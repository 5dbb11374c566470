import type { User } from '@shared/domain/user';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal';
import type { DB } from '../db/schema';
import { errors } from '../http/errors';
import type { CaseRow } from './caseRepository';

/**
 * 第十一条(八): who sees a case. 维权办 (and admins) work them; the committee (维权委) reads them
 * all, and so does 督察 (第九条(三)); an officer reads his own applications; another department
 * reads a case only through the tasks given to it. Dispatchers and supervisors never do (they
 * lack `cases:read`; supervisors see deadlines only, through `cases:deadlines`).
 */

function userOf(p: Principal): User | undefined {
  return p.kind === 'user' ? p.user : undefined;
}

export function managesCases(p: Principal): boolean {
  const u = userOf(p);
  if (!u) return false;
  return u.role === 'admin' || (u.role === 'department_staff' && u.departmentId === 'rights_office');
}

export function seesAllCases(p: Principal): boolean {
  const u = userOf(p);
  return managesCases(p) || u?.role === 'committee' || supervisesCases(p);
}

/**
 * 督察 (警务督察大队) reads every case: it leads and 督导 the whole work (第九条(三)) and follows
 * cases up with 督办 (第十九条), which it cannot do on cases it may not see. It does not work them.
 */
export function supervisesCases(p: Principal): boolean {
  const u = userOf(p);
  return u?.role === 'department_staff' && u.departmentId === 'inspection';
}

export function assertManages(p: Principal): User {
  const u = userOf(p);
  if (!u || !managesCases(p)) throw errors.forbidden('only 维权办 works cases');
  return u;
}

export function requireUser(p: Principal): User {
  const u = userOf(p);
  if (!u) throw errors.forbidden('cases are worked by people, not devices');
  return u;
}

/** The reason a user may read a case, or a 404 (not 403: whether a case exists is itself confidential). */
export async function assertSeesCase(
  db: Kysely<DB>,
  p: Principal,
  row: CaseRow,
): Promise<'all' | 'applicant' | 'department'> {
  if (seesAllCases(p)) return 'all';
  const u = requireUser(p);
  if (row.applicant_user_id === u.id) return 'applicant';
  if (u.role === 'department_staff' && u.departmentId) {
    const task = await db
      .selectFrom('case_tasks')
      .select('id')
      .where('case_id', '=', row.id)
      .where('department_id', '=', u.departmentId)
      .executeTakeFirst();
    if (task) return 'department';
  }
  throw errors.notFound('case');
}

/** The stored user as these checks read it. */
export interface CommitteeUser {
  role: string;
  committee_director: boolean;
  disabled: boolean;
}

/**
 * 第十六条: the committee's director (本级维权委主任, the 督察长 by 第六条): a committee member
 * marked as its director, still active.
 */
export function isDirector(user: CommitteeUser): boolean {
  return user.role === 'committee' && user.committee_director && !user.disabled;
}

/** Who may approve a remedy (第二十六/二十七条: 维权委 approves): any active committee member. */
export function isCommitteeMember(user: CommitteeUser): boolean {
  return user.role === 'committee' && !user.disabled;
}

/** The stored user behind a principal, with the committee attribute the session does not carry. */
export async function committeeUser(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'committee_director', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
}
