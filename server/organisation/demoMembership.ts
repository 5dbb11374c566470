import { OrgUnitInput } from '@shared/domain/organisation';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { DemoUnit, DemoUser } from '../demo/demoFixtures';
import { CASE_UNITS, DEPARTMENT_HOME_UNIT, GANXIAN_STATIONS } from './ganxianOrganisation';
import { stationFor } from './jurisdiction';

const STATIONS = GANXIAN_STATIONS.map((s) => ({
  ...OrgUnitInput.parse(s),
  updatedAt: new Date(0).toISOString(),
}));

const BY_UNIT_KIND: Readonly<Record<string, string>> = {
  traffic: 'traffic-brigade',
  investigation: CASE_UNITS.criminal,
  swat: 'command-center',
};

/**
 * The unit of the tree each demo user belongs to: department staff to their department's home
 * unit, patrol officers to the station nearest where their unit starts, traffic and 刑侦 officers
 * to their brigades. Only users without a unit are touched, so an admin's edits stay.
 */
export function demoOrgUnitOf(user: DemoUser, units: ReadonlyMap<string, DemoUnit>): string | null {
  if (user.role === 'field_officer' && user.unitCallSign) {
    const unit = units.get(user.unitCallSign);
    if (!unit) return null;
    const brigade = BY_UNIT_KIND[unit.kind];
    if (brigade) return brigade;
    return stationFor(STATIONS, unit)?.unit.id ?? null;
  }
  return user.departmentId ? (DEPARTMENT_HOME_UNIT[user.departmentId] ?? null) : null;
}

export async function assignDemoOrgUnits(
  trx: Kysely<DB>,
  users: readonly DemoUser[],
  units: readonly DemoUnit[],
): Promise<void> {
  const byCallSign = new Map(units.map((u) => [u.callSign, u]));
  for (const user of users) {
    const orgUnitId = demoOrgUnitOf(user, byCallSign);
    if (!orgUnitId) continue;
    await trx
      .updateTable('users')
      .set({ org_unit_id: orgUnitId })
      .where('username', '=', user.username)
      .where('org_unit_id', 'is', null)
      .execute();
  }
}
