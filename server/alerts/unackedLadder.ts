import type { UnackedStep } from '@shared/domain/incident';
import { isDistress } from '@shared/domain/priority';
import { unackedKind } from '@shared/domain/timeline';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/database';
import type { UnitLocator } from '../dispatch/recommendUnits';
import { changeIncident } from '../incidents/incidentCommands';
import { findIncident } from '../incidents/incidentRepository';
import { listUnits } from '../units/unitRepository';

const SYSTEM: Principal = { kind: 'system', component: 'escalation' };
const PAGE_COUNT = 3;
const PAGE_RADIUS_M = 15_000;

/**
 * The ladder for an alert nobody acknowledges, measured in seconds (issue #3): sound the
 * alarm again, then put it in front of the supervisor on duty, then page the nearest units
 * directly. Each step does nothing once someone has acknowledged, so a late job is harmless.
 */
export async function climbUnackedLadder(
  deps: { db: Database; locate: UnitLocator },
  incidentId: string,
  step: UnackedStep,
): Promise<void> {
  const incident = await findIncident(deps.db, incidentId);
  if (incident?.status !== 'new' || !isDistress(incident.priority)) return;
  let paged: string[] = [];
  if (step === 'page_nearest_units' && incident.position) {
    const units = new Map((await listUnits(deps.db)).map((u) => [u.id, u]));
    const near = await deps.locate(incident.position, PAGE_RADIUS_M, 50);
    paged = near
      .filter((n) => units.get(n.unitId)?.status === 'available')
      .slice(0, PAGE_COUNT)
      .map((n) => n.unitId);
  }
  await changeIncident(
    deps.db,
    SYSTEM,
    incidentId,
    (current) => {
      if (current.status !== 'new') return null;
      return {
        kind: unackedKind(step),
        set: { unacked_step: step, ...(paged.length ? { paged_unit_ids: JSON.stringify(paged) } : {}) },
        details: { step, ...(paged.length ? { pagedUnitIds: paged } : {}) },
        alarm: 're_alarm',
      };
    },
    null,
  );
}
