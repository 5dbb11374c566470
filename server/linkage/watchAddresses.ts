import type { Incident } from '@shared/domain/incident';
import type { Database } from '../db/database';

export interface WatchAddress {
  relation: string;
  address: string;
}

/** Local policy: the command centre takes alerts about any officer, so its roles may name anyone. */
const NAME_ANY_ROLES = new Set(['dispatcher', 'supervisor', 'admin']);

/**
 * Which of the officers named in an alert the raiser may speak for, so that naming an officer
 * cannot be used to copy that officer's protected home and relatives' addresses into a task
 * (issue #10 item 6). The command centre may name anyone; a field officer itself and the
 * officers of its own unit; a device key the officers of the units it is bound to; anyone else
 * only itself. Officers named but not allowed are still on the incident, by id, without their
 * protected data.
 */
export async function nameableOfficers(db: Database, incident: Incident, named: string[]): Promise<string[]> {
  if (named.length === 0) return [];
  const raiser = await db
    .selectFrom('incidents')
    .leftJoin('users', 'users.id', 'incidents.raised_by_user_id')
    .leftJoin('device_keys', 'device_keys.id', 'incidents.raised_by_device_id')
    .select(['users.id as user_id', 'users.role', 'users.unit_id', 'device_keys.unit_ids'])
    .where('incidents.id', '=', incident.id)
    .executeTakeFirst();
  if (!raiser) return [];
  if (raiser.role && NAME_ANY_ROLES.has(raiser.role)) return named;
  const units = new Set<string>(raiser.unit_ids ?? []);
  if (raiser.role === 'field_officer' && raiser.unit_id) units.add(raiser.unit_id);
  const officers = await db.selectFrom('users').select(['id', 'unit_id']).where('id', 'in', named).execute();
  return officers
    .filter((o) => o.id === raiser.user_id || (o.unit_id !== null && units.has(o.unit_id)))
    .map((o) => o.id);
}

/**
 * Where protective measures go (第二十条; relatives as 第三十九条 defines them): the homes of the
 * involved officers' close relatives. The officers are those named in the alert whom the raiser
 * may name (nameableOfficers), and whoever raised it.
 */
export async function watchAddressesFor(db: Database, incident: Incident): Promise<WatchAddress[]> {
  const named = incident.officers.flatMap((officer) => ('userId' in officer ? [officer.userId] : []));
  const userIds = new Set(await nameableOfficers(db, incident, [...new Set(named)]));
  if (incident.raisedByUserId) userIds.add(incident.raisedByUserId);
  if (!userIds.size) return [];
  const profiles = await db
    .selectFrom('officer_profiles')
    .select(['home_address', 'relatives'])
    .where('user_id', 'in', [...userIds])
    .execute();
  const byAddress = new Map<string, WatchAddress>();
  for (const profile of profiles) {
    if (profile.home_address)
      byAddress.set(profile.home_address, { relation: 'home', address: profile.home_address });
    for (const relative of profile.relatives) {
      if (relative.address && !byAddress.has(relative.address))
        byAddress.set(relative.address, { relation: relative.relation, address: relative.address });
    }
  }
  return [...byAddress.values()];
}
