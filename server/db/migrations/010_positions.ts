import type { Kysely } from 'kysely';
import { runStatements } from './runStatements';

/**
 * A device key speaks only for the units it is bound to (issue #10 item 6): a unit's own
 * tracker lists that unit, a gateway lists the units behind it. Existing keys start with none,
 * so they keep raising alerts but report no position until an administrator binds them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    ALTER TABLE device_keys ADD COLUMN unit_ids jsonb NOT NULL DEFAULT '[]';
    `,
  ]);
}
