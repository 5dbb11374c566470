import type { Recommendation } from '@shared/api/dispatch';
import type { Incident } from '@shared/domain/incident';
import type { Unit } from '@shared/domain/unit';
import { estimateTravelS, fittingKinds } from './unitFit';

/** Finds units near a point, nearest first (Redis GEOSEARCH in production). */
export type UnitLocator = (
  point: { lat: number; lng: number },
  radiusM: number,
  count: number,
) => Promise<Array<{ unitId: string; distanceM: number }>>;

export const SEARCH_RADIUS_M = 30_000;

/**
 * The nearest available units of fitting kinds, ranked by estimated arrival: a car 2 km away
 * beats an officer on foot 800 m away. Kind order breaks ties so traffic police lead at a
 * ramming.
 */
export async function recommendUnits(
  incident: Incident,
  units: Unit[],
  locate: UnitLocator,
  limit = 5,
): Promise<Recommendation[]> {
  if (!incident.position) return [];
  const kinds = fittingKinds(incident.category, incident.onRoad, incident.vehicleInvolved);
  const byId = new Map(units.map((u) => [u.id, u]));
  const near = await locate(incident.position, SEARCH_RADIUS_M, 200);
  const candidates: Recommendation[] = [];
  for (const { unitId, distanceM } of near) {
    const unit = byId.get(unitId);
    if (unit?.status !== 'available' || !kinds.includes(unit.kind)) continue;
    candidates.push({
      unitId,
      callSign: unit.callSign,
      kind: unit.kind,
      status: unit.status,
      distanceM: Math.round(distanceM),
      etaS: estimateTravelS(unit.kind, distanceM),
    });
  }
  candidates.sort((a, b) => a.etaS - b.etaS || kinds.indexOf(a.kind) - kinds.indexOf(b.kind));
  return candidates.slice(0, limit);
}
