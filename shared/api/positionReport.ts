import type { PositionReport } from '../events/socketEvents';
import type { FieldIssue } from './error';

/** The outer bound the contract checks; the server applies its tighter POSITION_MAX_CLOCK_SKEW_S. A device clock this far ahead is wrong, and its reports would hide every later true one as out of order. */
export const MAX_CLOCK_AHEAD_MS = 30_000;

/** Redis GEO indexes latitudes up to this; a position beyond it cannot be placed on the map. */
export const GEO_MAX_LAT = 85.05112878;

/**
 * What PositionReport's schema cannot check: the time against the server clock, and the
 * latitudes Redis GEO can index. The HTTP contract runs it inside its body schema so the
 * issues are named like every other field (body.at); the socket path calls it directly.
 */
export function positionReportIssues(
  report: PositionReport,
  maxClockSkewMs = MAX_CLOCK_AHEAD_MS,
  now = new Date(),
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (report.at && Date.parse(report.at) > now.getTime() + maxClockSkewMs) {
    issues.push({
      path: 'at',
      message: `is more than ${maxClockSkewMs / 1000} s ahead of the server clock`,
    });
  }
  if (Math.abs(report.lat) > GEO_MAX_LAT) {
    issues.push({ path: 'lat', message: `must be within ±${GEO_MAX_LAT} to be placed on the map` });
  }
  return issues;
}
