import type { Snapshot } from '@shared/api/snapshot';
import type { Assignment } from '@shared/domain/assignment';
import type { InfringementCategory } from '@shared/domain/category';
import type { Incident } from '@shared/domain/incident';
import { type IncidentStatus, TERMINAL_STATUSES } from '@shared/domain/incidentStatus';
import type { Unit } from '@shared/domain/unit';
import type { StreamEvent } from '@shared/events/streamEvent';
import { DISTRICT_CENTRE, insideDistrict, randomPointInDistrict } from './district';
import type { LatLng } from './geo';
import { isActive, type MissionTiming, startMission, withStatus } from './mission';
import type { Rand } from './random';
import { SimUnit } from './simUnit';

export interface KnownIncident {
  id: string;
  reference: string;
  category: InfringementCategory;
  status: IncidentStatus;
  position: LatLng | null;
}

export interface WorldOptions {
  /** Simulate at most this many units, the first by call sign. */
  maxUnits: number;
  /** Take up assignments of simulated units. */
  respond: boolean;
  timing: MissionTiming;
  rand: Rand;
  onDispatched?(unit: SimUnit, incident: KnownIncident | undefined): void;
  onMissionEnded?(unit: SimUnit, why: string): void;
}

/** An incident reported by address only: the crew drives to somewhere this close. */
const ADDRESS_ONLY_RADIUS_M = 3000;

function known(incident: Incident): KnownIncident {
  return {
    id: incident.id,
    reference: incident.reference,
    category: incident.category,
    status: incident.status,
    position: incident.position ? { lat: incident.position.lat, lng: incident.position.lng } : null,
  };
}

/**
 * What the simulator knows, kept the way a console keeps it: a snapshot, then the sequenced
 * stream applied on top (events that arrive while the snapshot loads wait for it).
 */
export class World {
  readonly units = new Map<string, SimUnit>();
  readonly incidents = new Map<string, KnownIncident>();
  private lastSeq = 0;
  private waiting: StreamEvent[] | null = null;

  constructor(private readonly options: WorldOptions) {}

  /** Live events are held from now until the snapshot is applied. */
  beginSync(): void {
    this.waiting ??= [];
  }

  /** The snapshot could not be loaded: apply live events as they come rather than hold them forever. */
  abandonSync(now: number): void {
    const held = this.waiting ?? [];
    this.waiting = null;
    for (const event of held) this.apply(event, now);
  }

  applySnapshot(snapshot: Snapshot, now: number): void {
    this.setUnits(snapshot.units);
    this.incidents.clear();
    for (const incident of snapshot.incidents) this.learnIncident(incident);
    const active = new Set<string>();
    for (const assignment of snapshot.assignments) {
      if (isActive(assignment.status)) active.add(assignment.id);
      this.assignmentChanged(assignment, now);
    }
    for (const unit of this.units.values()) {
      if (unit.mission && !active.has(unit.mission.assignmentId))
        this.endMission(unit, now, 'assignment gone');
    }
    // A fresh database (the server was reset) starts its sequence again.
    this.lastSeq = snapshot.headSeq;
    const held = this.waiting ?? [];
    this.waiting = null;
    for (const event of held) this.apply(event, now);
  }

  onEvent(event: StreamEvent, now: number): void {
    if (this.waiting) this.waiting.push(event);
    else this.apply(event, now);
  }

  openIncidents(): number {
    let open = 0;
    for (const incident of this.incidents.values()) if (!TERMINAL_STATUSES.has(incident.status)) open++;
    return open;
  }

  learnIncident(incident: Incident): void {
    if (TERMINAL_STATUSES.has(incident.status)) {
      this.incidents.delete(incident.id);
      return;
    }
    const k = known(incident);
    this.incidents.set(k.id, k);
    for (const unit of this.units.values()) {
      if (unit.mission?.incidentId === k.id && !unit.mission.scene)
        unit.mission.scene = this.sceneOf(k, unit);
    }
  }

  /** A patrolling (not dispatched) unit's position, to place an alert near an officer on duty. */
  somePatrolPosition(): LatLng | null {
    const free = [...this.units.values()].filter((u) => !u.mission);
    if (free.length === 0) return null;
    const unit = free[Math.floor(this.options.rand() * free.length)];
    return unit ? { ...unit.position } : null;
  }

  private apply(event: StreamEvent, now: number): void {
    if (event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    if (event.topic === 'incident') this.learnIncident(event.data);
    else if (event.topic === 'assignment') this.assignmentChanged(event.data, now);
  }

  private setUnits(units: Unit[]): void {
    const chosen = [...units]
      .sort((a, b) => a.callSign.localeCompare(b.callSign))
      .slice(0, this.options.maxUnits);
    const ids = new Set(chosen.map((u) => u.id));
    for (const id of this.units.keys()) if (!ids.has(id)) this.units.delete(id);
    for (const unit of chosen) {
      if (this.units.has(unit.id)) continue;
      const from = unit.position && insideDistrict(unit.position, 0) ? unit.position : null;
      const position = from
        ? { lat: from.lat, lng: from.lng }
        : randomPointInDistrict(this.options.rand, { kind: 'around', centre: DISTRICT_CENTRE, sigmaM: 3000 });
      this.units.set(unit.id, new SimUnit(unit.id, unit.callSign, unit.kind, position));
    }
  }

  /** An assignment's new state, from the stream or from the answer to our own response. */
  assignmentChanged(assignment: Assignment, now: number): void {
    const unit = this.units.get(assignment.unitId);
    if (!unit || !this.options.respond) return;
    const current = unit.mission;
    if (current?.assignmentId === assignment.id) {
      const next = withStatus(current, assignment.status, now, this.options.timing, this.options.rand);
      if (next) unit.mission = next;
      else this.endMission(unit, now, assignment.status);
      return;
    }
    if (!isActive(assignment.status)) return;
    // The newest dispatch is the one the crew answers.
    const status = assignment.status;
    unit.mission = startMission({ ...assignment, status }, now, this.options.timing, this.options.rand);
    unit.target = null;
    const incident = this.incidents.get(assignment.incidentId);
    if (incident) unit.mission.scene = this.sceneOf(incident, unit);
    this.options.onDispatched?.(unit, incident);
  }

  /** The crew is done with its mission and goes back on patrol. */
  endMission(unit: SimUnit, now: number, why: string): void {
    unit.endMission(now, this.options.rand);
    this.options.onMissionEnded?.(unit, why);
  }

  private sceneOf(incident: KnownIncident, unit: SimUnit): LatLng {
    return (
      incident.position ??
      randomPointInDistrict(this.options.rand, {
        kind: 'within',
        centre: unit.position,
        radiusM: ADDRESS_ONLY_RADIUS_M,
      })
    );
  }
}
