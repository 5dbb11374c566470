import type { Database } from '../db/database';
import { sha256Hex } from './tokens';

export interface DeviceKeyRecord {
  id: string;
  name: string;
  scopes: string[];
  /** The units this key may report positions for (a unit's tracker: one; a gateway: its list). */
  unitIds: string[];
}

export async function resolveDeviceKey(db: Database, key: string): Promise<DeviceKeyRecord | null> {
  const row = await db
    .selectFrom('device_keys')
    .select(['id', 'name', 'scope', 'unit_ids'])
    .where('key_hash', '=', sha256Hex(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, scopes: [row.scope], unitIds: row.unit_ids } : null;
}

/** Which of these device keys are not revoked, in one query. */
export async function activeDeviceKeyIds(db: Database, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('device_keys')
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .where('revoked_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function deviceKeyActive(db: Database, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('device_keys')
    .select('id')
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}
