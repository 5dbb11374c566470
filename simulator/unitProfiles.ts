import type { UnitKind } from '@shared/domain/unit';
import { DISTRICT_CENTRE, legInsideDistrict, randomPointInDistrict } from './district';
import type { LatLng } from './geo';
import { between, chance, type Rand } from './random';

/** How a kind of unit moves about: speeds, how far it roams, how long it stops. */
export interface KindProfile {
  /** Cruising on patrol, metres a second. */
  patrolSpeedMps: number;
  /** Driving to a scene with lights on. */
  responseSpeedMps: number;
  /** How far from where it is a patrol waypoint may be. */
  roamM: number;
  /** Share of waypoints drawn around the district seat (the town, its main roads) instead. */
  centreBias: number;
  /** Stop at a waypoint for this many seconds (min, max). */
  pauseS: readonly [number, number];
  /** GPS accuracy it reports, metres (min, max). */
  accuracyM: readonly [number, number];
}

export const KIND_PROFILES: Readonly<Record<UnitKind, KindProfile>> = {
  patrol_car: {
    patrolSpeedMps: 11,
    responseSpeedMps: 17,
    roamM: 6000,
    centreBias: 0.4,
    pauseS: [20, 120],
    accuracyM: [5, 15],
  },
  motorcycle: {
    patrolSpeedMps: 10,
    responseSpeedMps: 16,
    roamM: 4000,
    centreBias: 0.5,
    pauseS: [15, 90],
    accuracyM: [5, 15],
  },
  foot_patrol: {
    patrolSpeedMps: 1.3,
    responseSpeedMps: 2.5,
    roamM: 600,
    centreBias: 0,
    pauseS: [30, 180],
    accuracyM: [3, 10],
  },
  traffic: {
    patrolSpeedMps: 9,
    responseSpeedMps: 16,
    roamM: 8000,
    centreBias: 0.3,
    pauseS: [60, 300],
    accuracyM: [5, 15],
  },
  swat: {
    patrolSpeedMps: 8,
    responseSpeedMps: 18,
    roamM: 1500,
    centreBias: 0.8,
    pauseS: [300, 900],
    accuracyM: [5, 15],
  },
  investigation: {
    patrolSpeedMps: 9,
    responseSpeedMps: 15,
    roamM: 5000,
    centreBias: 0.6,
    pauseS: [120, 600],
    accuracyM: [5, 20],
  },
};

/** Around the seat, within a couple of kilometres: its streets are where patrols spend their time. */
const TOWN_SIGMA_M = 1500;

/**
 * The next place a patrolling unit heads for: inside the district, reachable in a straight
 * leg that does not leave it, near where the unit is or (by its centre bias) in the town.
 */
export function nextWaypoint(rand: Rand, profile: KindProfile, from: LatLng): LatLng {
  const inTown = chance(rand, profile.centreBias);
  return randomPointInDistrict(
    rand,
    inTown
      ? { kind: 'around', centre: DISTRICT_CENTRE, sigmaM: TOWN_SIGMA_M }
      : { kind: 'within', centre: from, radiusM: profile.roamM },
    (p) => legInsideDistrict(from, p),
  );
}

export function pauseMs(rand: Rand, profile: KindProfile): number {
  return between(rand, profile.pauseS[0], profile.pauseS[1]) * 1000;
}
