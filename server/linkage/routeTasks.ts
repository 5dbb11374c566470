import type { DepartmentId } from '@shared/domain/department';
import type { Incident } from '@shared/domain/incident';
import type { PlannedTask } from '@shared/domain/linkageRule';
import type { OrgUnit } from '@shared/domain/organisation';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { CASE_UNITS } from '../organisation/ganxianOrganisation';
import { stationFor } from '../organisation/jurisdiction';
import { listOrgUnits } from '../organisation/orgRepository';

export interface RoutedTask extends PlannedTask {
  departmentId: DepartmentId;
  orgUnitId: string | null;
  orgUnitName: string | null;
  /** How the unit was chosen, for the timeline: 'area', 'nearest', 'own_unit', 'criminal'… */
  routedBy: string | null;
}

/** The involved officers' own units, the raiser first (第二十条 民警所属单位). */
async function ownUnits(db: Kysely<DB>, incident: Incident, units: Map<string, OrgUnit>): Promise<OrgUnit[]> {
  const ids = [
    ...(incident.raisedByUserId ? [incident.raisedByUserId] : []),
    ...incident.officers.flatMap((o) => ('userId' in o ? [o.userId] : [])),
  ];
  if (!ids.length) return [];
  const rows = await db.selectFrom('users').select(['id', 'org_unit_id']).where('id', 'in', ids).execute();
  const byUser = new Map(rows.map((r) => [r.id, r.org_unit_id]));
  return ids.flatMap((id) => {
    const unit = units.get(byUser.get(id) ?? '');
    return unit ? [unit] : [];
  });
}

/**
 * Puts each planned task on a unit of the organisation tree as its rule's route says. A task
 * whose unit cannot be found (no position, officer without a unit, a tree without 刑侦大队)
 * stays with its department as a whole rather than being dropped.
 */
export async function routeTasks(
  db: Kysely<DB>,
  incident: Incident,
  planned: readonly PlannedTask[],
): Promise<RoutedTask[]> {
  if (!planned.some((p) => p.route !== 'department'))
    return planned.map((p) => ({ ...p, orgUnitId: null, orgUnitName: null, routedBy: null }));
  const all = await listOrgUnits(db);
  const units = new Map(all.map((u) => [u.id, u]));
  const own = planned.some((p) => p.route === 'own_unit' || p.route === 'jurisdiction')
    ? await ownUnits(db, incident, units)
    : [];
  return planned.map((p): RoutedTask => {
    const to = (unit: OrgUnit | undefined, routedBy: string): RoutedTask =>
      unit
        ? {
            ...p,
            departmentId: unit.departmentId ?? p.departmentId,
            orgUnitId: unit.id,
            orgUnitName: unit.name,
            routedBy,
          }
        : { ...p, orgUnitId: null, orgUnitName: null, routedBy: null };
    switch (p.route) {
      case 'jurisdiction': {
        const match = incident.position ? stationFor(all, incident.position) : null;
        if (match) return to(match.unit, match.by);
        return to(
          own.find((u) => u.kind === 'station'),
          'own_station',
        );
      }
      case 'own_unit':
        return to(own[0], 'own_unit');
      case 'case_track':
        return to(units.get(CASE_UNITS[p.handling?.track ?? 'criminal']), p.handling?.track ?? 'criminal');
      default:
        return { ...p, orgUnitId: null, orgUnitName: null, routedBy: null };
    }
  });
}
