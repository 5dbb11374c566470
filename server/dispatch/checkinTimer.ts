import type { Principal } from '../auth/principal';
import type { Database } from '../db/database';
import { changeIncident } from '../incidents/incidentCommands';
import { findIncident } from '../incidents/incidentRepository';
import { jobs } from '../jobs/jobCatalog';

const SYSTEM: Principal = { kind: 'system', component: 'checkin' };

/**
 * Fires when a safety check-in falls due. If the units checked in meanwhile, the due time
 * moved on and this job is stale; otherwise the missed check-in alarms every console like a
 * new alert, and the next check-in is due one interval later.
 */
export async function checkinFellDue(
  db: Database,
  incidentId: string,
  dueAt: string,
  checkinIntervalS: number,
): Promise<void> {
  const incident = await findIncident(db, incidentId);
  if (incident?.status !== 'on_scene' || incident.checkInDueAt !== dueAt) return;
  const next = new Date(Date.now() + checkinIntervalS * 1000);
  await changeIncident(
    db,
    SYSTEM,
    incidentId,
    (current) =>
      current.checkInDueAt !== dueAt
        ? null
        : {
            kind: 'checkin_missed',
            set: { checkin_due_at: next },
            details: { dueAt, nextDueAt: next.toISOString() },
            alarm: 'checkin_missed',
            jobs: [jobs.checkin(incidentId, next)],
          },
    null,
  );
}
