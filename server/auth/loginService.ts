import type { Role } from '@shared/domain/role';
import type { User } from '@shared/domain/user';
import { appendAudit } from '../audit/auditLog';
import type { Database } from '../db/database';
import { errors } from '../http/errors';
import type { LoginThrottle } from './loginThrottle';
import { dummyVerify, verifyPassword } from './passwords';
import { createSession, type SessionPolicy, type SessionRecord } from './sessionRepository';
import type { ThrottledLoginAudit } from './throttledLoginAudit';
import {
  clearLoginFailures,
  findUserByUsername,
  lockAccount,
  reserveLoginAttempt,
  toUser,
} from './userRepository';

export interface LoginPolicy extends SessionPolicy {
  maxFailures: number;
  lockoutS: number;
}

export interface LoginMeta {
  ip: string;
  userAgent?: string;
  requestId?: string;
}

export interface LoginGuards {
  throttle: LoginThrottle;
  refusals: ThrottledLoginAudit;
}

/**
 * Accounts that must be able to log in while an alarm is running: a hard lock would let anyone
 * who knows the username keep the centre out. They are only slowed down, per source address.
 */
const CONSOLE_ROLES: ReadonlySet<string> = new Set<Role>(['dispatcher', 'supervisor']);

/**
 * One generic message for an unknown user and a wrong password, so the answer does not tell
 * a guesser which usernames exist; the audit row keeps the real reason.
 */
const BAD_CREDENTIALS = 'wrong username or password';

export async function login(
  db: Database,
  guards: LoginGuards,
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
  const refuse = (actor: string, reason: string) =>
    guards.refusals.note({ actor, username: credentials.username, ip: meta.ip, reason }, now);

  // Reserved before anything is looked up or verified, and synchronously: concurrent requests see each other.
  const reservation = guards.throttle.reserve(credentials.username, meta.ip, now.getTime());
  if (!reservation.ok) {
    refuse(
      `anonymous:${credentials.username}`,
      reservation.scope === 'source' ? 'ip_throttled' : 'slowed_down',
    );
    throw errors.rateLimited(
      reservation.scope === 'source'
        ? `too many failed logins from this address; wait ${reservation.retryAfterS} s`
        : `too many failed logins for this account from here; wait ${reservation.retryAfterS} s`,
    );
  }
  const row = await findUserByUsername(db, credentials.username);
  if (!row || row.disabled) {
    await dummyVerify(credentials.password);
    await audit(`anonymous:${credentials.username}`, 'failure', row ? 'disabled' : 'unknown_user');
    throw errors.unauthenticated(BAD_CREDENTIALS);
  }
  const lockable = !CONSOLE_ROLES.has(row.role);
  // The account-wide counter is taken atomically in the database before verifying, so bursts
  // (and other server processes) cannot get more than maxFailures guesses in before the lock.
  const attempt = await reserveLoginAttempt(db, row.id, now);
  if (attempt === 'locked' || (lockable && attempt > policy.maxFailures)) {
    if (attempt !== 'locked') await lockAccount(db, row.id, new Date(now.getTime() + policy.lockoutS * 1000));
    refuse(`user:${row.id}`, 'locked');
    throw errors.rateLimited(
      `account locked after repeated failures; try again in ${Math.ceil(policy.lockoutS / 60)} min`,
    );
  }
  if (!(await verifyPassword(row.password_hash, credentials.password))) {
    const lock = lockable && attempt >= policy.maxFailures;
    if (lock) await lockAccount(db, row.id, new Date(now.getTime() + policy.lockoutS * 1000));
    await audit(`user:${row.id}`, 'failure', lock ? 'wrong_password_locked' : 'wrong_password');
    if (lock) {
      throw errors.rateLimited(
        `account locked for ${Math.round(policy.lockoutS / 60)} min after repeated failures`,
      );
    }
    throw errors.unauthenticated(BAD_CREDENTIALS);
  }
  reservation.succeeded();
  await clearLoginFailures(db, row.id);
  const { token, session } = await createSession(db, row.id, policy, meta, now);
  await audit(`user:${row.id}`, 'success');
  return { token, user: toUser(row), session };
}
