import type { Incident } from '@shared/domain/incident';
import { jobs } from '../jobs/jobCatalog';

/** The facts the linkage rules and routing read; a change to any of them re-plans (issue #11). */
function linkageFacts(incident: Incident): string {
  return JSON.stringify([
    incident.category,
    incident.injured,
    incident.vehicleInvolved,
    incident.onRoad,
    incident.ongoing,
    incident.mediaAttention,
    [...incident.contentUrls].sort(),
    incident.officers,
    incident.position,
    // Only the endings that stand tasks down matter; closed keeps the tasks (the case goes on).
    incident.status === 'false_alarm' || incident.status === 'cancelled' ? incident.status : 'open',
  ]);
}

export function linkageFactsChanged(before: Incident, after: Incident): boolean {
  return linkageFacts(before) !== linkageFacts(after);
}

/** One re-plan per incident version: a replayed outbox row is harmless, a later change plans again. */
export function replanJob(incident: Incident) {
  return jobs.linkage(incident.id, incident.version);
}
