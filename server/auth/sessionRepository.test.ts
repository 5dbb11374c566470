import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { seedDemo } from '../demo/seedDemo';
import { createTestDatabase, DATABASE_KINDS } from '../testing/databases';
import { createSession, deleteSession, resolveSession, validSessionIds } from './sessionRepository';
import { sha256Hex } from './tokens';
import { clearLoginFailures, findUserByUsername, lockAccount, reserveLoginAttempt } from './userRepository';

const policy = { idleTimeoutS: 600, maxAgeS: 12 * 3600 };

describe.each(DATABASE_KINDS)('sessions and lockout on %s', (kind) => {
  let handle: DatabaseHandle;
  let userId: string;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    await seedDemo(handle.db, {
      password: 'test-password-123',
      deviceKey: 'test-device-key-00000000000000000',
    });
    userId = (await findUserByUsername(handle.db, 'dispatcher1'))!.id;
  });
  afterAll(async () => handle?.close());

  it('stores only the hash of the token and resolves the token', async () => {
    const t0 = new Date('2026-11-23T08:00:00Z');
    const { token, session } = await createSession(handle.db, userId, policy, { ip: '127.0.0.1' }, t0);
    expect(session.id).toBe(sha256Hex(token));
    const stored = await handle.db
      .selectFrom('sessions')
      .select('id')
      .where('id', '=', token)
      .executeTakeFirst();
    expect(stored).toBeUndefined();
    expect(await resolveSession(handle.db, token, policy, new Date(t0.getTime() + 5 * 60_000))).toMatchObject(
      { userId },
    );
  });

  it('checks many sessions at once as one token at a time would: live ones kept and touched, dead ones deleted', async () => {
    const t0 = new Date('2026-11-23T08:00:00Z');
    const make = async () => (await createSession(handle.db, userId, policy, {}, t0)).session.id;
    const live = await make();
    const idle = await make();
    const expired = await make();
    await handle.db
      .updateTable('sessions')
      .set({ expires_at: new Date(t0.getTime() + 60_000) })
      .where('id', '=', expired)
      .execute();
    await handle.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(t0.getTime() - 20 * 60_000) })
      .where('id', '=', idle)
      .execute();
    const disabledUser = (await findUserByUsername(handle.db, 'dispatcher2'))!.id;
    const disabled = (await createSession(handle.db, disabledUser, policy, {}, t0)).session.id;
    await handle.db.updateTable('users').set({ disabled: true }).where('id', '=', disabledUser).execute();
    // More ids than one statement takes, most of them unknown.
    const unknown = Array.from({ length: 2500 }, (_, i) => sha256Hex(`nobody-${i}`));
    const at = new Date(t0.getTime() + 5 * 60_000);
    try {
      const valid = await validSessionIds(
        handle.db,
        [...unknown, live, idle, expired, disabled, live],
        policy,
        at,
      );
      expect([...valid]).toEqual([live]);
      const left = await handle.db
        .selectFrom('sessions')
        .select(['id', 'last_seen_at'])
        .where('id', 'in', [live, idle, expired, disabled])
        .execute();
      // The idle and the expired are gone; the disabled user's stays (re-enabling restores it).
      expect(left.map((r) => r.id).sort()).toEqual([live, disabled].sort());
      expect(new Date(left.find((r) => r.id === live)!.last_seen_at).getTime()).toBe(at.getTime());
    } finally {
      await handle.db.updateTable('users').set({ disabled: false }).where('id', '=', disabledUser).execute();
    }
  });

  it('keeps a console alive through a 12-hour shift while it is active, and ends it after idling', async () => {
    const t0 = new Date('2026-11-23T08:00:00Z');
    const { token } = await createSession(handle.db, userId, policy, {}, t0);
    // Active every 5 minutes for 11 hours: still valid.
    for (let minutes = 5; minutes <= 11 * 60; minutes += 5) {
      expect(
        await resolveSession(handle.db, token, policy, new Date(t0.getTime() + minutes * 60_000)),
      ).not.toBeNull();
    }
    // Then 11 minutes of silence: past the 10-minute idle timeout, gone for good.
    const idle = new Date(t0.getTime() + (11 * 60 + 16) * 60_000);
    expect(await resolveSession(handle.db, token, policy, idle)).toBeNull();
    expect(await resolveSession(handle.db, token, policy, new Date(t0.getTime() + 11 * 3600_000))).toBeNull();
  });

  it('ends a session at its absolute lifetime however active it is', async () => {
    const t0 = new Date('2026-11-23T08:00:00Z');
    const short = { idleTimeoutS: 3600, maxAgeS: 1800 };
    const { token } = await createSession(handle.db, userId, short, {}, t0);
    expect(
      await resolveSession(handle.db, token, short, new Date(t0.getTime() + 29 * 60_000)),
    ).not.toBeNull();
    expect(await resolveSession(handle.db, token, short, new Date(t0.getTime() + 31 * 60_000))).toBeNull();
  });

  it('deletes a session on logout', async () => {
    const { token, session } = await createSession(handle.db, userId, policy, {});
    await deleteSession(handle.db, session.id);
    expect(await resolveSession(handle.db, token, policy)).toBeNull();
  });

  it('counts attempts atomically, refuses while locked, and clears on success', async () => {
    const now = new Date();
    const counts = await Promise.all(
      Array.from({ length: 6 }, () => reserveLoginAttempt(handle.db, userId, now)),
    );
    // Concurrent reservations each see the others: six distinct counts, never two guesses on the same one.
    expect([...counts].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    await lockAccount(handle.db, userId, new Date(now.getTime() + 600_000));
    expect(await reserveLoginAttempt(handle.db, userId, now)).toBe('locked');
    expect(await reserveLoginAttempt(handle.db, userId, new Date(now.getTime() + 601_000))).toBe(1);
    await clearLoginFailures(handle.db, userId);
    const row = await findUserByUsername(handle.db, 'dispatcher1');
    expect(row).toMatchObject({ failed_logins: 0, locked_until: null });
  });
});
