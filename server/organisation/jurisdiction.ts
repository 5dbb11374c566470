import type { GeoPoint } from '@shared/domain/geo';
import type { JurisdictionMatch, OrgUnit } from '@shared/domain/organisation';
import { haversineM } from '@shared/geo/distance';
import { pointInPolygon } from '../demo/geometry';

/**
 * The station with jurisdiction over a scene: the one whose drawn area holds it, else (no
 * area drawn, or the scene outside all) the station whose seat is nearest. Pure, so a test and
 * the admin preview answer as the linkage does.
 */
export function stationFor(
  units: readonly OrgUnit[],
  point: Pick<GeoPoint, 'lat' | 'lng'>,
): JurisdictionMatch | null {
  const stations = units.filter((u) => u.kind === 'station');
  const inside = stations.find((s) => s.area && pointInPolygon(point.lng, point.lat, s.area));
  if (inside) return { unit: inside, by: 'area' };
  let best: JurisdictionMatch | null = null;
  for (const station of stations) {
    if (!station.position) continue;
    const distanceM = Math.round(haversineM(point, station.position));
    if (!best || distanceM < (best.distanceM ?? Number.POSITIVE_INFINITY))
      best = { unit: station, by: 'nearest', distanceM };
  }
  return best;
}
