import type { AssignmentAction } from '@shared/api/dispatch';
import type { AssignmentStatus } from '@shared/domain/assignment';
import type { LatLng } from './geo';
import { jitter, type Rand } from './random';

/** What a simulated crew does once dispatched: answer, drive, stay a while, clear. */
export interface MissionTiming {
  /** Mean seconds from the assignment arriving to accepting it. */
  acceptAfterS: number;
  /** Mean seconds from accepting to setting off (en_route). */
  enRouteAfterS: number;
  /** Mean seconds on scene before clearing. */
  onSceneS: number;
  /** On scene once within this many metres. */
  arriveM: number;
}

export type MissionStatus = 'pending' | 'accepted' | 'en_route' | 'on_scene';

export interface Mission {
  assignmentId: string;
  incidentId: string;
  status: MissionStatus;
  /** Where to drive; null until the incident's position is known. */
  scene: LatLng | null;
  /** The next answer is not given before this time (ms). */
  dueAt: number;
  /** An answer is on its way to the server. */
  busy: boolean;
}

/** An assignment only moves forward through these; anything else ends it. */
const ORDER: readonly MissionStatus[] = ['pending', 'accepted', 'en_route', 'on_scene'];

export function isActive(status: AssignmentStatus): status is MissionStatus {
  return (ORDER as readonly string[]).includes(status);
}

export function startMission(
  assignment: { id: string; incidentId: string; status: MissionStatus },
  now: number,
  timing: MissionTiming,
  rand: Rand,
): Mission {
  return {
    assignmentId: assignment.id,
    incidentId: assignment.incidentId,
    status: assignment.status,
    scene: null,
    dueAt: now + delayFor(assignment.status, timing, rand),
    busy: false,
  };
}

function delayFor(status: MissionStatus, timing: MissionTiming, rand: Rand): number {
  switch (status) {
    case 'pending':
      return jitter(rand, timing.acceptAfterS) * 1000;
    case 'accepted':
      return jitter(rand, timing.enRouteAfterS) * 1000;
    case 'en_route':
      return 0;
    case 'on_scene':
      return jitter(rand, timing.onSceneS) * 1000;
  }
}

/** The answer due now, if any: en_route waits for arrival rather than for a time. */
export function dueAction(
  mission: Mission,
  now: number,
  distanceToSceneM: number | null,
  timing: MissionTiming,
): AssignmentAction | null {
  if (mission.busy || now < mission.dueAt) return null;
  switch (mission.status) {
    case 'pending':
      return 'accept';
    case 'accepted':
      return 'en_route';
    case 'en_route':
      return distanceToSceneM !== null && distanceToSceneM <= timing.arriveM ? 'on_scene' : null;
    case 'on_scene':
      return 'clear';
  }
}

/**
 * The mission after the assignment became `status` (our own answer, the server marking the
 * unit arrived, a dispatcher cancelling); null when it is over. The same or an earlier
 * status changes nothing, so a late or replayed event neither restarts a timer nor goes back.
 */
export function withStatus(
  mission: Mission,
  status: AssignmentStatus,
  now: number,
  timing: MissionTiming,
  rand: Rand,
): Mission | null {
  if (!isActive(status)) return null;
  if (ORDER.indexOf(status) <= ORDER.indexOf(mission.status)) return mission;
  return { ...mission, status, busy: false, dueAt: now + delayFor(status, timing, rand) };
}
