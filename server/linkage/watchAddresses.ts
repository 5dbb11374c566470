import type { Incident } from '@shared/domain/incident';
import type { Database } from '../db/database';

export interface WatchAddress {
  relation: string;
  address: string;
}

/**
 * Where protective measures go (第二十条; relatives as 第三十九条 defines them): the homes of the involved officers' close
 * relatives (第三十九条). The officers are those named in the alert and whoever raised it.
 */
export async function watchAddressesFor(db: Database, incident: Incident): Promise<WatchAddress[]> {
  const userIds = new Set<string>();
  for (const officer of incident.officers) if ('userId' in officer) userIds.add(officer.userId);
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
