import type { User } from '@shared/domain/user';
import { appendAudit } from '../audit/auditLog';
import type { Database } from '../db/database';
import { errors } from '../http/errors';
import type { IpThrottle } from './ipThrottle';
import { dummyVerify, verifyPassword } from './passwords';
import { createSession, type SessionPolicy, type SessionRecord } from './sessionRepository';
import { clearLoginFailures, findUserByUsername, recordLoginFailure, toUser } from './userRepository';

export interface LoginPolicy extends SessionPolicy {
  maxFailures: number;
  lockoutS: number;
}

export interface LoginMeta {
  ip: string;
  userAgent?: string;
  requestId?: string;
}

/**
 * One generic message for an unknown user and a wrong password, so the answer does not tell
 * a guesser which usernames exist; the audit row keeps the real reason.
 */
const BAD_CREDENTIALS = 'wrong username or password';

export async function login(
  db: Database,
  throttle: IpThrottle,
  policy: LoginPolicy,
  credentials: { username: string; password: string },
  meta: LoginMeta,
  now = new Date(),
): Promise<{ token: string; user: User; session: SessionRecord }> {
  const audit = (actor: string, outcome: 'success' | 'failure' | 'denied', reason?: string) =>
    appendAudit(db, {
      actor,
      action: 'auth.login',
      target: `username:${credentials.username}`,
      outcome,
      requestId: meta.requestId ?? null,
      details: { ip: meta.ip, ...(reason ? { reason } : {}) },
    });

  if (throttle.isBlocked(meta.ip)) {
    await audit(`anonymous:${credentials.username}`, 'denied', 'ip_throttled');
    throw errors.rateLimited('too many failed logins from this address; wait a minute');
  }
  const row = await findUserByUsername(db, credentials.username);
  if (!row || row.disabled) {
    await dummyVerify(credentials.password);
    throttle.recordFailure(meta.ip);
    await audit(`anonymous:${credentials.username}`, 'failure', row ? 'disabled' : 'unknown_user');
    throw errors.unauthenticated(BAD_CREDENTIALS);
  }
  if (row.locked_until && new Date(row.locked_until) > now) {
    await audit(`user:${row.id}`, 'denied', 'locked');
    const minutes = Math.ceil((new Date(row.locked_until).getTime() - now.getTime()) / 60_000);
    throw errors.rateLimited(`account locked after repeated failures; try again in ${minutes} min`);
  }
  if (!(await verifyPassword(row.password_hash, credentials.password))) {
    throttle.recordFailure(meta.ip);
    const lockedUntil = await recordLoginFailure(db, row.id, policy.maxFailures, policy.lockoutS, now);
    await audit(`user:${row.id}`, 'failure', lockedUntil ? 'wrong_password_locked' : 'wrong_password');
    if (lockedUntil) {
      throw errors.rateLimited(
        `account locked for ${Math.round(policy.lockoutS / 60)} min after repeated failures`,
      );
    }
    throw errors.unauthenticated(BAD_CREDENTIALS);
  }
  await clearLoginFailures(db, row.id);
  const { token, session } = await createSession(db, row.id, policy, meta, now);
  await audit(`user:${row.id}`, 'success');
  return { token, user: toUser(row), session };
}
