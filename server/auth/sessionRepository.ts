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

export async function deleteSession(db: Database, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}
