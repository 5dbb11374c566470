import { haversineM } from '@shared/geo/distance';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/database';
import { changeIncident } from '../incidents/incidentCommands';
import { logger } from '../observability/logger';
import { respondToAssignment } from './dispatchService';

interface Pending {
  assignmentId: string;
  incidentId: string;
  scene: { lat: number; lng: number };
}

const SYSTEM: Principal = { kind: 'system', component: 'arrival' };
const REFRESH_MS = 3000;

/**
 * Notices a dispatched unit reaching the scene from its position reports. Position reports
 * come once a second per unit, so the check is in memory: the units on their way and their
 * scenes are reloaded every few seconds, not queried per report. Each assignment is offered
 * (or marked) once.
 */
export function createArrivalDetector(
  db: Database,
  options: { radiusM: number; mode: 'offer' | 'auto'; checkinIntervalS: number },
) {
  let enRoute = new Map<string, Pending>();
  const handled = new Set<string>();

  async function refresh(): Promise<void> {
    const rows = await db
      .selectFrom('assignments')
      .innerJoin('incidents', 'incidents.id', 'assignments.incident_id')
      .select([
        'assignments.id',
        'assignments.unit_id',
        'assignments.incident_id',
        'incidents.lat',
        'incidents.lng',
      ])
      .where('assignments.status', 'in', ['pending', 'accepted', 'en_route'])
      .where('incidents.lat', 'is not', null)
      .execute();
    const next = new Map<string, Pending>();
    for (const r of rows) {
      if (r.lat === null || r.lng === null) continue;
      next.set(r.unit_id, {
        assignmentId: r.id,
        incidentId: r.incident_id,
        scene: { lat: r.lat, lng: r.lng },
      });
    }
    enRoute = next;
    // An assignment no longer on its way cannot arrive again: forgetting it keeps the set to the
    // assignments in progress rather than every one since the process started.
    const current = new Set([...next.values()].map((p) => p.assignmentId));
    for (const id of handled) if (!current.has(id)) handled.delete(id);
  }

  const timer = setInterval(() => void refresh().catch(() => undefined), REFRESH_MS);
  timer.unref();
  void refresh().catch(() => undefined);

  async function arrive(unitId: string, pending: Pending, distanceM: number): Promise<void> {
    if (options.mode === 'auto') {
      await respondToAssignment(db, SYSTEM, pending.assignmentId, 'on_scene', null, {
        checkinIntervalS: options.checkinIntervalS,
      });
    } else {
      await changeIncident(
        db,
        SYSTEM,
        pending.incidentId,
        () => ({
          kind: 'unit_near_scene',
          details: { unitId, assignmentId: pending.assignmentId, distanceM: Math.round(distanceM) },
        }),
        null,
      );
    }
  }

  return {
    check(unitId: string, position: { lat: number; lng: number }): void {
      const pending = enRoute.get(unitId);
      if (!pending || handled.has(pending.assignmentId)) return;
      const distanceM = haversineM(position, pending.scene);
      if (distanceM > options.radiusM) return;
      handled.add(pending.assignmentId);
      void arrive(unitId, pending, distanceM).catch((err: unknown) =>
        logger.warn({ err, unitId }, 'arrival not recorded'),
      );
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}
