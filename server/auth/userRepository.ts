import { User } from '@shared/domain/user';
import type { Selectable } from 'kysely';
import type { Database } from '../db/database';
import type { UsersTable } from '../db/schema';

export type UserRow = Selectable<UsersTable>;

export function toUser(row: UserRow): User {
  return User.parse({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    departmentId: row.department_id,
  });
}

export function findUserByUsername(db: Database, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Database, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Counts an attempt as failed before its password is checked, in one statement, so concurrent
 * attempts (from any server process) each see the others. Returns the count including this
 * attempt, or 'locked' while the account is locked; a success resets it.
 */
export async function reserveLoginAttempt(
  db: Database,
  userId: string,
  now: Date,
): Promise<number | 'locked'> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning(['failed_logins'])
    .executeTakeFirst();
  return row ? row.failed_logins : 'locked';
}

export async function lockAccount(db: Database, userId: string, until: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ locked_until: until, failed_logins: 0 })
    .where('id', '=', userId)
    .execute();
}

export async function clearLoginFailures(db: Database, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}
