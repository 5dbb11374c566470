import type { AssignmentAction } from '@shared/api/dispatch';
import { Assignment } from '@shared/domain/assignment';
import { Incident } from '@shared/domain/incident';
import type { ShieldlineApi } from './apiClient';
import type { MissionTiming } from './mission';
import type { SimUnit } from './simUnit';
import type { SimStats } from './stats';
import type { World } from './world';

/** An answer refused as out of order this often means the assignment moved on without us. */
const MAX_CONFLICTS = 3;
const RETRY_MS = 3000;

export interface ResponderOptions {
  answerAs: 'officer' | 'dispatcher';
  timing: MissionTiming;
}

/**
 * Answers for the crews: accept, en_route, on_scene when within reach of the scene, clear
 * after a while, through POST /api/v1/assignments/:id/respond. Also looks up the scene of an
 * incident the stream has not described yet.
 */
export class Responder {
  private readonly conflicts = new Map<string, number>();
  private readonly lookingUp = new Set<string>();

  constructor(
    private readonly api: ShieldlineApi,
    private readonly world: World,
    private readonly options: ResponderOptions,
    private readonly stats: SimStats,
    private readonly log: (message: string) => void,
    private readonly track: (p: Promise<unknown>) => void,
  ) {}

  tick(unit: SimUnit, now: number): void {
    const mission = unit.mission;
    if (!mission) return;
    if (!mission.scene && !this.lookingUp.has(mission.incidentId)) this.lookUp(mission.incidentId);
    const action = unit.dueAction(now, this.options.timing);
    if (action) this.answer(unit, action);
  }

  private lookUp(incidentId: string): void {
    this.lookingUp.add(incidentId);
    this.track(
      this.api.asDispatcher('GET', `/api/v1/incidents/${incidentId}`, Incident).then((result) => {
        this.lookingUp.delete(incidentId);
        if (result.ok) this.world.learnIncident(result.data);
      }),
    );
  }

  private answer(unit: SimUnit, action: AssignmentAction): void {
    const mission = unit.mission;
    if (!mission) return;
    mission.busy = true;
    const path = `/api/v1/assignments/${mission.assignmentId}/respond`;
    const body = { action };
    const call =
      this.options.answerAs === 'officer'
        ? this.api.asOfficer(unit.callSign, 'POST', path, Assignment, { body })
        : this.api.asDispatcher('POST', path, Assignment, { body });
    this.track(
      call.then((result) => {
        const now = Date.now();
        // The mission may have ended or changed while the answer was on its way.
        const current = unit.mission;
        const same = current?.assignmentId === mission.assignmentId ? current : null;
        if (result.ok) {
          this.stats.answersSent++;
          this.conflicts.delete(mission.assignmentId);
          const reference = this.world.incidents.get(mission.incidentId)?.reference ?? mission.incidentId;
          this.log(`${unit.callSign} ${action} ${reference}`);
          if (same) this.world.assignmentChanged(result.data, now);
          return;
        }
        this.stats.answersFailed++;
        if (!same) return;
        if (result.status === 404 || result.status === 403) {
          this.world.endMission(unit, now, `${action} refused (${result.message})`);
          return;
        }
        const conflicts = result.status === 409 ? (this.conflicts.get(mission.assignmentId) ?? 0) + 1 : 0;
        if (conflicts >= MAX_CONFLICTS) {
          this.conflicts.delete(mission.assignmentId);
          this.world.endMission(unit, now, `${action} refused ${conflicts} times (${result.message})`);
          return;
        }
        if (result.status === 409) this.conflicts.set(mission.assignmentId, conflicts);
        // Try again shortly; the stream may meanwhile say what became of the assignment.
        same.busy = false;
        same.dueAt = now + RETRY_MS;
      }),
    );
  }
}
