import type { SosRefineRequest } from '@shared/api/field';
import type { Incident } from '@shared/domain/incident';
import { derivePriority } from '@shared/domain/priority';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/database';
import { standDownUnits } from '../dispatch/dispatchEvents';
import { errors } from '../http/errors';
import { changeIncident } from '../incidents/incidentCommands';

function raiserOf(principal: Principal, incident: Incident): void {
  if (principal.kind !== 'user' || incident.raisedByUserId !== principal.user.id) {
    throw errors.forbidden('only the officer who raised this SOS may change it');
  }
  if (incident.source !== 'sos_button') throw errors.conflict('this incident was not raised by an SOS');
}

/**
 * A mistaken SOS, cancelled by its officer within the window: the incident ends as a false
 * activation (status false_alarm) with an 'sos_cancelled' timeline entry, so the press is on
 * record rather than dropped. The consoles' alarm ends with the stream event. Cancelling an
 * SOS that is already a false activation answers it again (a replayed cancel is harmless).
 */
export function cancelSos(
  db: Database,
  principal: Principal,
  incidentId: string,
  input: { afterS?: number },
  options: { windowS: number; requestId: string | null },
  now = new Date(),
): Promise<Incident> {
  return changeIncident(
    db,
    principal,
    incidentId,
    (current) => {
      raiserOf(principal, current);
      if (current.status === 'false_alarm') return null;
      const elapsedS = (now.getTime() - Date.parse(current.intervals.raisedAt)) / 1000;
      if (elapsedS > options.windowS) {
        throw errors.conflict(
          `the ${options.windowS} s cancel window has passed; the command center closes it as a false alarm`,
        );
      }
      return {
        kind: 'sos_cancelled',
        status: 'false_alarm',
        set: { closed_at: now },
        details: {
          outcome: 'false_alarm',
          receivedAfterS: Math.round(elapsedS * 10) / 10,
          ...(input.afterS !== undefined ? { phoneAfterS: input.afterS } : {}),
        },
        // Units already sent to a false activation are stood down in the same transaction.
        also: async (trx) => {
          await standDownUnits(trx, incidentId, now);
        },
      };
    },
    options.requestId,
    now,
  );
}

/**
 * The SOS fires as violent_attack (the worst case); afterwards its officer says what it is.
 * The priority follows the new category. Setting the same category again changes nothing.
 */
export function refineSos(
  db: Database,
  principal: Principal,
  incidentId: string,
  input: SosRefineRequest,
  requestId: string | null,
): Promise<Incident> {
  return changeIncident(
    db,
    principal,
    incidentId,
    (current) => {
      raiserOf(principal, current);
      const injured = input.injured ?? current.injured;
      if (current.category === input.category && current.injured === injured) return null;
      if (current.status === 'closed' || current.status === 'cancelled' || current.status === 'false_alarm') {
        throw errors.conflict(`the incident is already ${current.status}`);
      }
      const priority = derivePriority({ category: input.category, injured, ongoing: current.ongoing });
      return {
        kind: 'category_refined',
        set: { category: input.category, injured, priority },
        details: { previousCategory: current.category, category: input.category, injured, priority },
      };
    },
    requestId,
  );
}
