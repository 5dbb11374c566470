import fs from 'node:fs';
import path from 'node:path';
import { DEPARTMENT_IDS } from '@shared/domain/department';
import { ROLES } from '@shared/domain/role';
import { CallSign, UNIT_KINDS } from '@shared/domain/unit';
import { Username } from '@shared/domain/user';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/passwords';
import { sha256Hex } from '../auth/tokens';
import { toUser } from '../auth/userRepository';
import type { DatabaseHandle } from '../db/database';
import { createTestDatabase, DATABASE_KINDS } from '../testing/databases';
import { DEMO_UNITS, DEMO_USERS, mulberry32, RELATIVE_RELATIONS } from './demoFixtures';
import { distanceToRingM, GANXIAN_CENTRE, GANXIAN_RING, pointInPolygon } from './ganxianOutline';
import { demoUuid, seedDemo } from './seedDemo';

const PASSWORD = 'demo-password-for-tests';
const DEVICE_KEY = 'test-device-key-0123456789abcdef';

/** 赣县区 at the source's full resolution, to check the demo's simplified outline against. */
function fullResolutionRing(): Array<[number, number]> {
  const file = path.resolve(import.meta.dirname, '../../client/public/geo/ganxian.geojson');
  const geo = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    features: Array<{
      properties: { name: string };
      geometry: { coordinates: Array<Array<Array<[number, number]>>> };
    }>;
  };
  const feature = geo.features.find((f) => f.properties.name === '赣县区');
  return feature!.geometry.coordinates[0]![0]!;
}

describe('demo fixtures', () => {
  it('uses a deterministic PRNG', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, mulberry32(43))).not.toEqual(seqA);
    for (const v of seqA) expect(v).toBeGreaterThanOrEqual(0);
    for (const v of seqA) expect(v).toBeLessThan(1);
  });

  it('has about 40 units of every kind with valid, unique call signs in fitting departments', () => {
    expect(DEMO_UNITS.length).toBeGreaterThanOrEqual(35);
    expect(DEMO_UNITS.length).toBeLessThanOrEqual(45);
    expect(new Set(DEMO_UNITS.map((u) => u.kind))).toEqual(new Set(UNIT_KINDS));
    expect(new Set(DEMO_UNITS.map((u) => u.callSign)).size).toBe(DEMO_UNITS.length);
    const prefix = {
      patrol_car: 'P',
      motorcycle: 'M',
      foot_patrol: 'F',
      traffic: 'T',
      swat: 'S',
      investigation: 'I',
    };
    const department = {
      patrol_car: 'command_center',
      motorcycle: 'command_center',
      foot_patrol: 'command_center',
      swat: 'command_center',
      traffic: 'traffic',
      investigation: 'investigation',
    };
    for (const u of DEMO_UNITS) {
      expect(CallSign.safeParse(u.callSign).success).toBe(true);
      expect(u.callSign).toMatch(new RegExp(`^GX-${prefix[u.kind]}\\d{2}$`));
      expect(u.departmentId).toBe(department[u.kind]);
    }
    expect(DEMO_UNITS.map((u) => u.callSign)).toContain('GX-P01');
  });

  it('places every unit inside 赣县区, even at full resolution, denser near the seat', () => {
    const full = fullResolutionRing();
    const outside = DEMO_UNITS.filter(
      (u) => !pointInPolygon(u.lng, u.lat, GANXIAN_RING) || !pointInPolygon(u.lng, u.lat, full),
    );
    expect(outside).toEqual([]);
    const kmFromSeat = DEMO_UNITS.map((u) =>
      Math.hypot((u.lng - GANXIAN_CENTRE.lng) * 100.3, (u.lat - GANXIAN_CENTRE.lat) * 110.6),
    );
    // The district is ~70 km across; most units work in and around the town.
    expect(kmFromSeat.filter((km) => km < 8).length).toBeGreaterThan(DEMO_UNITS.length / 2);
    expect(Math.max(...kmFromSeat)).toBeGreaterThan(15);
    for (const u of DEMO_UNITS) expect(distanceToRingM(u.lng, u.lat, GANXIAN_RING)).toBeGreaterThan(400);
  });

  it('has valid, unique usernames and fictitious profiles for field officers only', () => {
    expect(new Set(DEMO_USERS.map((u) => u.username)).size).toBe(DEMO_USERS.length);
    for (const u of DEMO_USERS) {
      expect(Username.safeParse(u.username).success, u.username).toBe(true);
      expect(u.displayName).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(u.profile !== null).toBe(u.role === 'field_officer');
      if (u.profile) {
        expect(u.profile.homeAddress).toContain('虚构');
        expect(u.profile.relatives.length).toBeGreaterThan(0);
        for (const r of u.profile.relatives) expect(RELATIVE_RELATIONS).toContain(r.relation);
      }
    }
    expect(DEMO_USERS.map((u) => u.username)).toEqual(
      expect.arrayContaining([
        'admin',
        'dispatcher1',
        'dispatcher2',
        'supervisor1',
        'rights_office',
        'cyber',
        'traffic',
      ]),
    );
  });

  it('derives stable RFC 4122 version-5 ids from names', () => {
    const id = demoUuid('unit', 'GX-P01');
    expect(id).toBe(demoUuid('unit', 'GX-P01'));
    expect(id).not.toBe(demoUuid('unit', 'GX-P02'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe.each(DATABASE_KINDS)('seedDemo on %s', (kind) => {
  let handle: DatabaseHandle;
  let first: { units: number; users: number };

  const tableCounts = async () => {
    const count = async (table: 'units' | 'users' | 'officer_profiles' | 'device_keys' | 'departments') =>
      Number(
        (
          await handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      units: await count('units'),
      users: await count('users'),
      profiles: await count('officer_profiles'),
      deviceKeys: await count('device_keys'),
      departments: await count('departments'),
    };
  };

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    first = await seedDemo(handle.db, { password: PASSWORD, deviceKey: DEVICE_KEY });
  });
  afterAll(() => handle?.close());

  it('seeds every demo unit and user, and a second run changes nothing', async () => {
    expect(first).toEqual({ units: DEMO_UNITS.length, users: DEMO_USERS.length });
    const before = await tableCounts();
    expect(before).toEqual({
      units: DEMO_UNITS.length,
      users: DEMO_USERS.length,
      profiles: DEMO_UNITS.length,
      deviceKeys: 1,
      departments: DEPARTMENT_IDS.length,
    });
    const unitsBefore = await handle.db.selectFrom('units').selectAll().orderBy('call_sign').execute();
    const usersBefore = await handle.db.selectFrom('users').selectAll().orderBy('username').execute();

    expect(await seedDemo(handle.db, { password: PASSWORD, deviceKey: DEVICE_KEY })).toEqual(first);
    expect(await tableCounts()).toEqual(before);
    expect(await handle.db.selectFrom('units').selectAll().orderBy('call_sign').execute()).toEqual(
      unitsBefore,
    );
    expect(await handle.db.selectFrom('users').selectAll().orderBy('username').execute()).toEqual(
      usersBefore,
    );
  });

  it('stores every unit inside the district, available, at its fixture position', async () => {
    const units = await handle.db.selectFrom('units').selectAll().execute();
    expect(units).toHaveLength(DEMO_UNITS.length);
    for (const unit of units) {
      expect(unit.lat).not.toBeNull();
      expect(unit.lng).not.toBeNull();
      expect(pointInPolygon(unit.lng!, unit.lat!, GANXIAN_RING), unit.call_sign).toBe(true);
      expect(unit.status).toBe('available');
      const fixture = DEMO_UNITS.find((u) => u.callSign === unit.call_sign);
      expect(fixture).toMatchObject({
        kind: unit.kind,
        departmentId: unit.department_id,
        lat: unit.lat,
        lng: unit.lng,
      });
    }
  });

  it('has a user for every role, all valid by the shared User schema', async () => {
    const rows = await handle.db.selectFrom('users').selectAll().execute();
    const users = rows.map(toUser);
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(ROLES));
    expect(users.find((u) => u.username === 'admin')?.role).toBe('admin');
    expect(
      users
        .filter((u) => u.role === 'dispatcher')
        .map((u) => u.username)
        .sort(),
    ).toEqual(['dispatcher1', 'dispatcher2']);
    expect(users.find((u) => u.username === 'supervisor1')?.role).toBe('supervisor');
  });

  it('has a staff user named after every department', async () => {
    const staff = await handle.db
      .selectFrom('users')
      .select(['username', 'department_id'])
      .where('role', '=', 'department_staff')
      .execute();
    expect(staff.map((s) => s.username).sort()).toEqual([...DEPARTMENT_IDS].sort());
    for (const s of staff) expect(s.department_id).toBe(s.username);
  });

  it('binds a field officer named after its call sign to every unit, with a profile', async () => {
    const rows = await handle.db
      .selectFrom('units')
      .leftJoin('users', (join) =>
        join.onRef('users.unit_id', '=', 'units.id').on('users.role', '=', 'field_officer'),
      )
      .leftJoin('officer_profiles', 'officer_profiles.user_id', 'users.id')
      .select([
        'units.call_sign',
        'users.username',
        'officer_profiles.home_address',
        'officer_profiles.relatives',
      ])
      .execute();
    expect(rows).toHaveLength(DEMO_UNITS.length);
    for (const row of rows) {
      expect(row.username).toBe(row.call_sign);
      expect(row.home_address).toContain('虚构');
      const relations = (row.relatives ?? []).map((r) => r.relation);
      expect(relations.length).toBeGreaterThan(0);
      for (const relation of relations) expect(RELATIVE_RELATIONS).toContain(relation);
    }
  });

  it('stores one argon2 hash of the demo password, which verifies', async () => {
    const hashes = await handle.db.selectFrom('users').select('password_hash').distinct().execute();
    expect(hashes).toHaveLength(1);
    const hash = hashes[0]!.password_hash;
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, PASSWORD)).toBe(true);
    expect(await verifyPassword(hash, `${PASSWORD}x`)).toBe(false);
  });

  it('stores the device key as its SHA-256 only', async () => {
    const keys = await handle.db.selectFrom('device_keys').selectAll().execute();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      name: 'demo gateway',
      scope: 'alerts:create',
      key_hash: sha256Hex(DEVICE_KEY),
      revoked_at: null,
    });
    expect(JSON.stringify(keys)).not.toContain(DEVICE_KEY);
  });
});
