import type { AssignmentAction } from '@shared/api/dispatch';
import type { UnitKind } from '@shared/domain/unit';
import { distanceM, type LatLng, stepTowards } from './geo';
import { dueAction, type Mission, type MissionTiming } from './mission';
import { between, type Rand } from './random';
import { KIND_PROFILES, type KindProfile, nextWaypoint, pauseMs } from './unitProfiles';

/** One simulated field unit: where it is, where it is going, and what it was sent to. */
export class SimUnit {
  readonly profile: KindProfile;
  position: LatLng;
  /** Patrol waypoint it is driving or walking to; null while stopped. */
  target: LatLng | null = null;
  pausedUntil = 0;
  mission: Mission | null = null;
  nextReportAt = 0;

  constructor(
    readonly id: string,
    readonly callSign: string,
    readonly kind: UnitKind,
    position: LatLng,
  ) {
    this.profile = KIND_PROFILES[kind];
    this.position = position;
  }

  /** Moves the unit on by `dtS` seconds: on patrol from waypoint to waypoint, or to its scene. */
  advance(now: number, dtS: number, rand: Rand, speedFactor = 1): void {
    const mission = this.mission;
    if (mission) {
      // Before setting off and once there, the crew stays put.
      if (mission.status === 'en_route' && mission.scene) {
        const step = this.profile.responseSpeedMps * speedFactor * dtS;
        this.position = stepTowards(this.position, mission.scene, step).position;
      }
      return;
    }
    if (now < this.pausedUntil) return;
    this.target ??= nextWaypoint(rand, this.profile, this.position);
    const moved = stepTowards(this.position, this.target, this.profile.patrolSpeedMps * speedFactor * dtS);
    this.position = moved.position;
    if (moved.arrived) {
      this.target = null;
      this.pausedUntil = now + pauseMs(rand, this.profile);
    }
  }

  distanceToScene(): number | null {
    return this.mission?.scene ? distanceM(this.position, this.mission.scene) : null;
  }

  dueAction(now: number, timing: MissionTiming): AssignmentAction | null {
    return this.mission ? dueAction(this.mission, now, this.distanceToScene(), timing) : null;
  }

  /** Back on patrol after a mission, after a short stop at the scene. */
  endMission(now: number, rand: Rand): void {
    this.mission = null;
    this.target = null;
    this.pausedUntil = now + pauseMs(rand, this.profile) / 2;
  }

  accuracyM(rand: Rand): number {
    return Math.round(between(rand, this.profile.accuracyM[0], this.profile.accuracyM[1]));
  }
}
