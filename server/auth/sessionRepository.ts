import type { Database } from '../db/database';
import { newToken, sha256Hex } from './tokens';

export interface SessionPolicy {
  idleTimeoutS: number;
  maxAgeS: number;
}

export interface SessionRecord {
  id: string;
  userId: string;
  expiresAt: Date;
}

/**
 * The cookie holds a random token; the table holds only its hash, so a leaked database
 * row cannot be replayed as a cookie.
 */
export async function createSession(
  db: Database,
  userId: string,
  policy: SessionPolicy,
  meta: { userAgent?: string; ip?: string },
  now = new Date(),
): Promise<{ token: string; session: SessionRecord }> {
  const token = newToken();
  const id = sha256Hex(token);
  const expiresAt = new Date(now.getTime() + policy.maxAgeS * 1000);
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip ?? null,
    })
    .execute();
  return { token, session: { id, userId, expiresAt } };
}

/** Touching every request would write on every poll; a minute's precision is enough for an idle timeout. */
const TOUCH_AFTER_MS = 60_000;

export async function resolveSession(
  db: Database,
  token: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<SessionRecord | null> {
  return resolveSessionById(db, sha256Hex(token), policy, now);
}

/** The same check by the session's id (the token's hash), for re-checking a socket's session. */
export async function resolveSessionById(
  db: Database,
  id: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<SessionRecord | null> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const idleDeadline = new Date(row.last_seen_at).getTime() + policy.idleTimeoutS * 1000;
  if (now.getTime() >= new Date(row.expires_at).getTime() || now.getTime() >= idleDeadline) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  return { id, userId: row.user_id, expiresAt: new Date(row.expires_at) };
}

/** Ids per statement in a batched check: far below PostgreSQL's limit on bound parameters. */
const CHECK_CHUNK = 1000;

/**
 * `resolveSessionById` for many sessions at once, as the periodic re-check of open sockets needs:
 * one read per thousand sessions instead of two reads and a write each. Returns the ids that are
 * still valid (not expired, not idle, their user not disabled); deletes the expired and idle
 * ones and touches the rest as a request would (an open console is not idle).
 */
export async function validSessionIds(
  db: Database,
  ids: readonly string[],
  policy: SessionPolicy,
  now = new Date(),
): Promise<Set<string>> {
  const valid = new Set<string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHECK_CHUNK) {
    const chunk = unique.slice(i, i + CHECK_CHUNK);
    const rows = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id', 'sessions.last_seen_at', 'sessions.expires_at', 'users.disabled'])
      .where('sessions.id', 'in', chunk)
      .execute();
    const dead: string[] = [];
    const stale: string[] = [];
    for (const row of rows) {
      const seen = new Date(row.last_seen_at).getTime();
      if (
        now.getTime() >= new Date(row.expires_at).getTime() ||
        now.getTime() >= seen + policy.idleTimeoutS * 1000
      ) {
        dead.push(row.id);
        continue;
      }
      if (row.disabled) continue;
      valid.add(row.id);
      if (now.getTime() - seen > TOUCH_AFTER_MS) stale.push(row.id);
    }
    if (dead.length) await db.deleteFrom('sessions').where('id', 'in', dead).execute();
    if (stale.length)
      await db.updateTable('sessions').set({ last_seen_at: now }).where('id', 'in', stale).execute();
  }
  return valid;
}

export async function deleteSession(db: Database, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}
