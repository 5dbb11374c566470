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

/** Counts a failure; the account locks once the count reaches `maxFailures`. Returns the lock, if any. */
export async function recordLoginFailure(
  db: Database,
  userId: string,
  maxFailures: number,
  lockoutS: number,
  now: Date,
): Promise<Date | null> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .returning(['failed_logins'])
    .executeTakeFirstOrThrow();
  if (row.failed_logins < maxFailures) return null;
  const until = new Date(now.getTime() + lockoutS * 1000);
  await db
    .updateTable('users')
    .set({ locked_until: until, failed_logins: 0 })
    .where('id', '=', userId)
    .execute();
  return until;
}

export async function clearLoginFailures(db: Database, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}
