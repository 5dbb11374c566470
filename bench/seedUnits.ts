import { randomUUID } from 'node:crypto';
import { UNIT_KINDS, type UnitKind } from '@shared/domain/unit';
import { newToken, sha256Hex } from '../server/auth/tokens';
import { type DatabaseOptions, migrateToLatest, openDatabase } from '../server/db/database';
import { ensureDepartments } from '../server/departments/seedDepartments';
import { DISTRICT_CENTRE, randomPointInDistrict } from '../simulator/district';
import { createRand } from '../simulator/random';

/** A seeded unit with its field officer's session, for the socket position path. */
export interface BenchUnit {
  unitId: string;
  callSign: string;
  kind: UnitKind;
  lat: number;
  lng: number;
  /** Session token of the unit's field officer (cookie sl_session). */
  token: string;
}

const CHUNK = 500;

/**
 * Puts `count` extra units (BX-0001 …) into a fresh database (PGlite under a dataDir, or a
 * PostgreSQL database by URL) before the server starts on it (the demo has 40 and the API has
 * no route that creates one), each with a field officer and a live session, so that the units
 * can also report over the socket.
 * The officers have no usable password: the sessions are made here, not by logging in.
 * All belong to the command center, which no linkage rule gives tasks, so the officers'
 * sockets receive only their own unit's events.
 */
export async function seedBenchUnits(
  where: Pick<DatabaseOptions, 'dataDir' | 'databaseUrl'>,
  count: number,
  /** A device key created as the position gateway of every seeded unit (device keys are bound to units). */
  gatewayKey?: string,
): Promise<BenchUnit[]> {
  const database = await openDatabase({ ...where, poolSize: 2 });
  try {
    const { db } = database;
    await migrateToLatest(db);
    await ensureDepartments(db);
    const rand = createRand(2000);
    const now = new Date();
    const units: BenchUnit[] = Array.from({ length: count }, (_, i) => {
      const p = randomPointInDistrict(rand, { kind: 'around', centre: DISTRICT_CENTRE, sigmaM: 8000 });
      return {
        unitId: randomUUID(),
        callSign: `BX-${String(i + 1).padStart(4, '0')}`,
        kind: UNIT_KINDS[i % UNIT_KINDS.length] ?? 'patrol_car',
        lat: p.lat,
        lng: p.lng,
        token: newToken(),
      };
    });
    const rows = units.map((u) => ({ ...u, userId: randomUUID() }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      const slice = rows.slice(i, i + CHUNK);
      await db
        .insertInto('units')
        .values(
          slice.map((u) => ({
            id: u.unitId,
            call_sign: u.callSign,
            department_id: 'command_center',
            kind: u.kind,
            status: 'available',
            lat: u.lat,
            lng: u.lng,
            accuracy_m: 10,
            position_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await db
        .insertInto('users')
        .values(
          slice.map((u) => ({
            id: u.userId,
            username: u.callSign,
            display_name: `压测 ${u.callSign}`,
            role: 'field_officer',
            unit_id: u.unitId,
            department_id: 'command_center',
            password_hash: '!bench-no-login',
          })),
        )
        .execute();
      await db
        .insertInto('sessions')
        .values(
          slice.map((u) => ({
            id: sha256Hex(u.token),
            user_id: u.userId,
            created_at: now,
            last_seen_at: now,
            expires_at: new Date(now.getTime() + 3600_000),
            user_agent: 'bench:alerts',
            ip: null,
          })),
        )
        .execute();
    }
    if (gatewayKey) {
      await db
        .insertInto('device_keys')
        .values({
          id: randomUUID(),
          name: 'bench position gateway',
          key_hash: sha256Hex(gatewayKey),
          scope: 'alerts:create',
          unit_ids: JSON.stringify(units.map((u) => u.unitId)),
        })
        .execute();
    }
    return units;
  } finally {
    await database.close();
  }
}
