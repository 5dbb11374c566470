import { appendAudit } from '../audit/auditLog';
import type { Database } from '../db/database';
import { DEMO_DEVICE_KEY_NAME, DEMO_USERS, RETIRED_DEMO_HASH as RETIRED_HASH } from './demoFixtures';
import { demoUuid } from './seedDemo';

export interface RetireDemoResult {
  users: number;
  deviceKeys: number;
}

/**
 * A database that once ran with DEMO=1 still holds the demo users (one published password) and
 * the demo device key. Started without DEMO, they are disabled with an unusable password, their
 * sessions ended, and the key revoked, so the published credentials open nothing. Turning DEMO
 * back on restores them (seedDemo).
 */
export async function retireDemo(db: Database, now = new Date()): Promise<RetireDemoResult> {
  const ids = DEMO_USERS.map((u) => demoUuid('user', u.username));
  return db.transaction().execute(async (trx) => {
    const users = await trx
      .updateTable('users')
      .set({ disabled: true, password_hash: RETIRED_HASH })
      .where('id', 'in', ids)
      .where('password_hash', '!=', RETIRED_HASH)
      .returning('id')
      .execute();
    if (users.length) {
      await trx
        .deleteFrom('sessions')
        .where(
          'user_id',
          'in',
          users.map((u) => u.id),
        )
        .execute();
    }
    const keys = await trx
      .updateTable('device_keys')
      .set({ revoked_at: now })
      .where('name', '=', DEMO_DEVICE_KEY_NAME)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    const result = { users: users.length, deviceKeys: keys.length };
    if (result.users || result.deviceKeys) {
      await appendAudit(trx, {
        actor: 'system:boot',
        action: 'demo.retire',
        target: null,
        outcome: 'success',
        details: result,
      });
    }
    return result;
  });
}
