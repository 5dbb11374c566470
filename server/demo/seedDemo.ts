import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { hashPassword } from '../auth/passwords';
import { sha256Hex } from '../auth/tokens';
import type { Database } from '../db/database';
import { ensureDepartments } from '../departments/seedDepartments';
import { assignDemoOrgUnits } from '../organisation/demoMembership';
import { ensureOrganisation } from '../organisation/orgRepository';
import {
  DEMO_DEVICE_KEY_NAME,
  DEMO_DEVICE_KEY_SCOPE,
  DEMO_UNITS,
  DEMO_USERS,
  RETIRED_DEMO_HASH,
} from './demoFixtures';

export interface SeedDemoOptions {
  /** The one password of every demo user. */
  password: string;
  /** The demo alert gateway's device key, stored only as its SHA-256. */
  deviceKey: string;
}

export interface SeedDemoResult {
  /** Demo units present after seeding (not only those inserted now). */
  units: number;
  /** Demo users present after seeding (not only those inserted now). */
  users: number;
}

/**
 * A stable UUID (version 5 layout, SHA-1 of a namespaced name), so the same demo row gets the
 * same id in every database and on every run.
 */
export function demoUuid(kind: string, name: string): string {
  const h = createHash('sha1').update(`shieldline-demo/${kind}/${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Seeds 赣县区's demo units, users, officer profiles and device key. Idempotent: rows are
 * inserted with ON CONFLICT DO NOTHING, so a second run (or a concurrent one) changes nothing,
 * and rows a demo user has since changed (a moved unit, a locked account) are left alone.
 */
export async function seedDemo(db: Database, options: SeedDemoOptions): Promise<SeedDemoResult> {
  await ensureDepartments(db);
  await ensureOrganisation(db);

  const usernames = DEMO_USERS.map((u) => u.username);
  const callSigns = DEMO_UNITS.map((u) => u.callSign);

  const existingRows = await db
    .selectFrom('users')
    .select(['username', 'password_hash'])
    .where('username', 'in', usernames)
    .execute();
  const existing = new Set(existingRows.map((r) => r.username));
  // Retired while DEMO was off (retireDemo): brought back with the demo password now that it is on again.
  const retired = existingRows.some((r) => r.password_hash === RETIRED_DEMO_HASH);
  // One argon2 hash shared by every demo user: they all have the same password anyway, and
  // hashing it ~50 times (64 MiB and several passes each) would add seconds to every demo
  // start. argon2's salt is per hash, so sharing one only reveals what is already known: the
  // demo accounts share a password. Nothing is hashed when every demo user already exists.
  const passwordHash =
    existing.size < usernames.length || retired ? await hashPassword(options.password) : null;

  await db.transaction().execute(async (trx) => {
    const now = new Date();
    await trx
      .insertInto('units')
      .values(
        DEMO_UNITS.map((u) => ({
          id: demoUuid('unit', u.callSign),
          call_sign: u.callSign,
          department_id: u.departmentId,
          kind: u.kind,
          status: 'available',
          lat: u.lat,
          lng: u.lng,
          accuracy_m: 10,
          position_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();

    // Look the ids up rather than assume them: a unit with a demo call sign may predate the demo.
    const unitIds = new Map(
      (
        await trx
          .selectFrom('units')
          .select(['id', 'call_sign'])
          .where('call_sign', 'in', callSigns)
          .execute()
      ).map((r) => [r.call_sign, r.id]),
    );

    if (passwordHash) {
      await trx
        .insertInto('users')
        .values(
          DEMO_USERS.map((u) => {
            const unitId = u.unitCallSign ? unitIds.get(u.unitCallSign) : null;
            if (unitId === undefined) throw new Error(`demo unit ${u.unitCallSign} is missing`);
            return {
              id: demoUuid('user', u.username),
              username: u.username,
              display_name: u.displayName,
              role: u.role,
              unit_id: unitId,
              department_id: u.departmentId,
              committee_director: u.committeeDirector ?? false,
              password_hash: passwordHash,
            };
          }),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
      if (retired) {
        await trx
          .updateTable('users')
          .set({ disabled: false, password_hash: passwordHash, failed_logins: 0, locked_until: null })
          .where('username', 'in', usernames)
          .where('password_hash', '=', RETIRED_DEMO_HASH)
          .execute();
      }
    }

    await assignDemoOrgUnits(trx, DEMO_USERS, DEMO_UNITS);

    const officers = await trx
      .selectFrom('users')
      .select(['id', 'username'])
      .where('role', '=', 'field_officer')
      .where(
        'username',
        'in',
        DEMO_USERS.filter((u) => u.profile).map((u) => u.username),
      )
      .execute();
    const profiles = officers.flatMap((o) => {
      const profile = DEMO_USERS.find((u) => u.username === o.username)?.profile;
      return profile
        ? [{ user_id: o.id, home_address: profile.homeAddress, relatives: JSON.stringify(profile.relatives) }]
        : [];
    });
    if (profiles.length > 0) {
      await trx
        .insertInto('officer_profiles')
        .values(profiles)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }

    const keyHash = sha256Hex(options.deviceKey);
    await trx
      .insertInto('device_keys')
      .values({
        id: demoUuid('device_key', keyHash),
        name: DEMO_DEVICE_KEY_NAME,
        key_hash: keyHash,
        scope: DEMO_DEVICE_KEY_SCOPE,
        // The demo key is also the gateway the simulator reports every demo unit's position through.
        unit_ids: JSON.stringify([...unitIds.values()]),
      })
      // Restored if DEMO was off before (retireDemo revokes it); a key from before device keys
      // were bound gets the demo units, one bound already keeps its own.
      .onConflict((oc) =>
        oc.column('key_hash').doUpdateSet({
          revoked_at: null,
          unit_ids: sql`CASE WHEN device_keys.unit_ids = '[]'::jsonb THEN excluded.unit_ids ELSE device_keys.unit_ids END`,
        }),
      )
      .execute();
  });

  const units = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('call_sign', 'in', callSigns)
    .executeTakeFirstOrThrow();
  const users = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', 'in', usernames)
    .executeTakeFirstOrThrow();
  return { units: Number(units.n), users: Number(users.n) };
}
