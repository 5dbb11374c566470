import { logger } from '../observability/logger';
import type { UnitLocator } from './recommendUnits';

/**
 * Redis GEO first; the database's last known positions when Redis cannot answer, so a
 * dispatcher still gets recommendations while Redis is down.
 */
export function fallbackLocator(primary: UnitLocator, fallback: UnitLocator): UnitLocator {
  return async (point, radiusM, count) => {
    try {
      return await primary(point, radiusM, count);
    } catch (err) {
      logger.warn(
        { err: err instanceof Error ? err.message : err },
        'unit locator fell back to the database',
      );
      return fallback(point, radiusM, count);
    }
  };
}
