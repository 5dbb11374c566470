import type { Database } from '../db/database';
import { BoundedCache } from './boundedCache';
import { type DeviceKeyRecord, resolveDeviceKey } from './deviceKeyRepository';
import { sha256Hex } from './tokens';

/**
 * Gateways send a position every second per unit; looking the key up in the database each
 * time starved alerts on the embedded database (bench:alerts). Known keys are remembered for
 * `ttlMs`, so a revoked key stops working within that. Unknown keys are remembered for the
 * shorter `negativeTtlMs`, so junk keys cost one query per interval rather than one each, while
 * a key created a moment ago works within seconds. Both caches are bounded (least recently used
 * leave first) and keyed by the key's hash, so the keys themselves are not kept in memory.
 */
export function cachedDeviceKeyResolver(
  db: Database,
  ttlMs = 30_000,
  negativeTtlMs = 5_000,
  maxEntries = 10_000,
) {
  const cache = new BoundedCache<string, DeviceKeyRecord | null>(maxEntries);
  return async (key: string): Promise<DeviceKeyRecord | null> => {
    const hash = sha256Hex(key);
    const hit = cache.get(hash);
    if (hit !== undefined) return hit;
    const record = await resolveDeviceKey(db, key);
    cache.set(hash, record, Date.now(), record ? ttlMs : negativeTtlMs);
    return record;
  };
}
