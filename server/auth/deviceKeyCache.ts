import type { Database } from '../db/database';
import { type DeviceKeyRecord, resolveDeviceKey } from './deviceKeyRepository';

/**
 * Gateways send a position every second per unit; looking the key up in the database each
 * time starved alerts on the embedded database (bench:alerts). Known keys are remembered for
 * a short while, so a revoked key stops working within `ttlMs`. Unknown keys are not cached:
 * a key created a moment ago must work at once.
 */
export function cachedDeviceKeyResolver(db: Database, ttlMs = 30_000, maxEntries = 10_000) {
  const cache = new Map<string, { record: DeviceKeyRecord; expires: number }>();
  return async (key: string): Promise<DeviceKeyRecord | null> => {
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.expires > now) return hit.record;
    const record = await resolveDeviceKey(db, key);
    if (record) {
      if (cache.size >= maxEntries) cache.clear();
      cache.set(key, { record, expires: now + ttlMs });
    } else {
      cache.delete(key);
    }
    return record;
  };
}
