import type { User } from '@shared/domain/user';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal';
import type { Config } from '../config/env';
import type { DB } from '../db/schema';
import { DEMO_DIRECTOR_USERNAME } from '../demo/demoFixtures';
import { errors } from '../http/errors';
import type { CaseRow } from './caseRepository';

/**
 * 第十一条(八): who sees a case. 维权办 (and admins) work them; the committee — until it has a
 * role of its own, supervisors stand in — reads them all; an officer reads his own applications;
 * another department reads a case only through the tasks given to it. Dispatchers never do
 * (they lack `cases:read` altogether).
 */

/** Roles a merge may add for the committee (维权委); supervisors stand in until then. */
const COMMITTEE_ROLES: readonly string[] = [
  'committee',
  'committee_member',
  'committee_director',
  'supervisor',
];
const DIRECTOR_ROLES: readonly string[] = ['committee_director'];

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
  return managesCases(p) || (u !== undefined && COMMITTEE_ROLES.includes(u.role));
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

/** 第十六条: the committee's director (本级维权委主任, the 督察长). */
export function isDirector(user: Pick<User, 'username' | 'role'>, config: Config): boolean {
  if (DIRECTOR_ROLES.includes(user.role)) return true;
  if (config.COMMITTEE_DIRECTOR_USERNAMES.includes(user.username)) return true;
  return config.DEMO && user.username === DEMO_DIRECTOR_USERNAME;
}

/** Who may approve a remedy (第二十六/二十七条: 维权委 approves): a committee member or the director. */
export function isCommitteeMember(user: Pick<User, 'username' | 'role'>, config: Config): boolean {
  return isDirector(user, config) || COMMITTEE_ROLES.includes(user.role);
}
