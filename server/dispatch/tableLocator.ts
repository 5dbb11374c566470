import { haversineM } from '@shared/geo/distance';
import type { Database } from '../db/database';
import { listUnits } from '../units/unitRepository';
import type { UnitLocator } from './recommendUnits';

/**
 * Nearest units from the last positions stored in the database. Slower than Redis GEO but
 * needs no Redis, so recommendations still work while Redis is down.
 */
export function tableLocator(db: Database): UnitLocator {
  return async (point, radiusM, count) => {
    const units = await listUnits(db);
    return units
      .filter((u) => u.position)
      .map((u) => ({ unitId: u.id, distanceM: haversineM(point, u.position!) }))
      .filter((u) => u.distanceM <= radiusM)
      .sort((a, b) => a.distanceM - b.distanceM)
      .slice(0, count);
  };
}
