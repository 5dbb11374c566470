import { type InfringementCategory, VIOLENT_CATEGORIES } from '@shared/domain/category';
import type { UnitKind } from '@shared/domain/unit';

/**
 * Which kinds of unit suit an incident, best first. Traffic police control a road scene and
 * secure the vehicle (第九条); violence wants armed response; everything at a scene can use
 * the nearest patrol.
 */
export function fittingKinds(
  category: InfringementCategory,
  onRoad: boolean,
  vehicleInvolved: boolean,
): UnitKind[] {
  const kinds: UnitKind[] = [];
  if (category === 'vehicle_ramming' || onRoad || vehicleInvolved) kinds.push('traffic');
  if (VIOLENT_CATEGORIES.has(category) || category === 'mob_obstruction') kinds.push('swat');
  kinds.push('patrol_car', 'motorcycle', 'foot_patrol');
  if (VIOLENT_CATEGORIES.has(category)) kinds.push('investigation');
  return [...new Set(kinds)];
}

/** Rough urban speeds in m/s and a turnout time: enough to rank units and show an ETA, not a route. */
const SPEED_MPS: Record<UnitKind, number> = {
  patrol_car: 11,
  motorcycle: 12,
  traffic: 11,
  swat: 11,
  investigation: 10,
  foot_patrol: 1.4,
};
const TURNOUT_S = 45;
/** Streets are not straight lines; a detour factor of 1.3 is the usual urban rule of thumb. */
const DETOUR = 1.3;

export function estimateTravelS(kind: UnitKind, distanceM: number): number {
  return Math.round(TURNOUT_S + (distanceM * DETOUR) / SPEED_MPS[kind]);
}
