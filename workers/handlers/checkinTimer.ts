import type { Principal } from '../../server/auth/principal';
import { changeIncident } from '../../server/incidents/incidentCommands';
import { findIncident } from '../../server/incidents/incidentRepository';
import { jobs } from '../../server/jobs/jobCatalog';
import type { JobHandler } from '../startWorkers';

const SYSTEM: Principal = { kind: 'system', component: 'checkin' };

/**
 * Fires when a safety check-in falls due. If the units checked in meanwhile, the due time
 * moved on and this job is stale; otherwise the missed check-in alarms every console like a
 * new alert, and the next check-in is due one interval later.
 */
export const handleCheckin: JobHandler<'incident.checkin'> = async ({ incidentId, dueAt }, ctx) => {
  const incident = await findIncident(ctx.db, incidentId);
  if (incident?.status !== 'on_scene' || incident.checkInDueAt !== dueAt) return;
  const next = new Date(Date.now() + ctx.config.CHECKIN_INTERVAL_S * 1000);
  await changeIncident(
    ctx.db,
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
};
