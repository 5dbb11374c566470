import type { UpdateFactsRequest } from '@shared/api/linkage';
import type { Incident } from '@shared/domain/incident';
import { derivePriority } from '@shared/domain/priority';
import type { Updateable } from 'kysely';
import type { z } from 'zod';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/database';
import type { IncidentsTable } from '../db/schema';
import { errors } from '../http/errors';
import { changeIncident } from '../incidents/incidentCommands';

type Facts = Omit<z.output<typeof UpdateFactsRequest>, 'reason'>;

const ENDED = new Set(['cancelled', 'false_alarm']);

/**
 * A dispatcher corrects what is known about an incident. Only the facts that differ are
 * written and put on the timeline (from → to, with the reason); the priority follows. The
 * change queues a re-plan of the linkage (changeIncident sees the facts moved).
 */
export function updateFacts(
  db: Database,
  principal: Principal,
  incidentId: string,
  input: z.output<typeof UpdateFactsRequest>,
  requestId: string | null,
): Promise<Incident> {
  const { reason, ...facts } = input;
  return changeIncident(
    db,
    principal,
    incidentId,
    (current) => {
      if (ENDED.has(current.status)) throw errors.conflict(`the incident ended as ${current.status}`);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [key, to] of Object.entries(facts) as Array<[keyof Facts, unknown]>) {
        if (to === undefined) continue;
        const from = current[key];
        if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
      }
      if (!Object.keys(changes).length) return null;
      const next = { ...current, ...facts } as Incident;
      const set: Updateable<IncidentsTable> = {
        category: next.category,
        injured: next.injured,
        vehicle_involved: next.vehicleInvolved,
        on_road: next.onRoad,
        ongoing: next.ongoing,
        media_attention: next.mediaAttention,
        content_urls: JSON.stringify(next.contentUrls),
        officers: JSON.stringify(next.officers),
        priority: derivePriority({ category: next.category, injured: next.injured, ongoing: next.ongoing }),
      };
      return { kind: 'facts_updated', set, details: { changes, reason } };
    },
    requestId,
  );
}
