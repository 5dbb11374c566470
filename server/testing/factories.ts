import { randomUUID } from 'node:crypto';
import type { DepartmentId } from '@shared/domain/department';
import type { Role } from '@shared/domain/role';
import type { Unit, UnitKind, UnitStatus } from '@shared/domain/unit';
import type { User } from '@shared/domain/user';
import { hashPassword } from '../auth/passwords';
import { toUser } from '../auth/userRepository';
import type { Database } from '../db/database';
import { toUnit } from '../units/unitRepository';
import { DEMO_PASSWORD, loginAs } from './testRuntime';

/**
 * Test data made for the test that needs it, rather than taken from the demo seed: a test that
 * says what it relies on keeps working when the demo changes. Incidents come from raiseAlert
 * (server/testing/alerts.ts), through the route, as in production.
 */

let passwordHash: Promise<string> | undefined;
const shortId = () => randomUUID().slice(0, 8);

export interface UnitSpec {
  callSign?: string;
  departmentId?: DepartmentId;
  kind?: UnitKind;
  status?: UnitStatus;
  position?: { lat: number; lng: number } | null;
}

export async function createUnit(db: Database, spec: UnitSpec = {}): Promise<Unit> {
  const now = new Date();
  const position = spec.position === undefined ? { lat: 25.8607, lng: 115.0116 } : spec.position;
  const row = await db
    .insertInto('units')
    .values({
      id: randomUUID(),
      call_sign: spec.callSign ?? `T-${shortId()}`,
      department_id: spec.departmentId ?? 'command_center',
      kind: spec.kind ?? 'patrol_car',
      status: spec.status ?? 'available',
      lat: position?.lat ?? null,
      lng: position?.lng ?? null,
      accuracy_m: position ? 10 : null,
      position_at: position ? now : null,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUnit(row);
}

export interface UserSpec {
  role: Role;
  username?: string;
  displayName?: string;
  unitId?: string | null;
  departmentId?: DepartmentId | null;
}

/** A user who can log in with DEMO_PASSWORD; the hash is made once per test file. */
export async function createUser(db: Database, spec: UserSpec): Promise<User> {
  passwordHash ??= hashPassword(DEMO_PASSWORD);
  const username = spec.username ?? `${spec.role}-${shortId()}`;
  const row = await db
    .insertInto('users')
    .values({
      id: randomUUID(),
      username,
      display_name: spec.displayName ?? username,
      role: spec.role,
      unit_id: spec.unitId ?? null,
      department_id: spec.departmentId ?? null,
      password_hash: await passwordHash,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

/** A user made for the test and logged in: its session cookie, ready for testClient. */
export async function createSession(
  db: Database,
  baseUrl: string,
  spec: UserSpec,
): Promise<{ user: User; cookie: string }> {
  const user = await createUser(db, spec);
  return { user, cookie: await loginAs(baseUrl, user.username) };
}

/** A field officer bound to a unit of its own (the field app's user). */
export async function createFieldOfficer(
  db: Database,
  baseUrl: string,
  unit: UnitSpec = {},
): Promise<{ user: User; unit: Unit; cookie: string }> {
  const made = await createUnit(db, unit);
  const { user, cookie } = await createSession(db, baseUrl, {
    role: 'field_officer',
    unitId: made.id,
    departmentId: made.departmentId,
  });
  return { user, unit: made, cookie };
}
