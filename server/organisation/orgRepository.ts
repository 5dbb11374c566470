import { OrgUnit, OrgUnitInput } from '@shared/domain/organisation';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { appendAudit } from '../audit/auditLog';
import { actorOf, type Principal } from '../auth/principal';
import type { Database } from '../db/database';
import type { DB, OrgUnitsTable } from '../db/schema';
import { AppError } from '../http/errors';
import { GANXIAN_ORGANISATION } from './ganxianOrganisation';

type OrgUnitRow = Selectable<OrgUnitsTable>;

export function toOrgUnit(row: OrgUnitRow): OrgUnit {
  return OrgUnit.parse({
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    kind: row.kind,
    departmentId: row.department_id,
    position: row.lat === null || row.lng === null ? null : { lat: row.lat, lng: row.lng },
    area: row.area,
    areaApproximate: row.area_approximate,
    township: row.township,
    sort: row.sort,
    updatedAt: new Date(row.updated_at).toISOString(),
  });
}

function toRow(unit: z.output<typeof OrgUnitInput>) {
  return {
    id: unit.id,
    parent_id: unit.parentId,
    name: unit.name,
    kind: unit.kind,
    department_id: unit.departmentId,
    lat: unit.position?.lat ?? null,
    lng: unit.position?.lng ?? null,
    area: unit.area ? JSON.stringify(unit.area) : null,
    area_approximate: unit.areaApproximate,
    township: unit.township,
    sort: unit.sort,
    updated_at: new Date(),
  };
}

export async function listOrgUnits(db: Kysely<DB>): Promise<OrgUnit[]> {
  const rows = await db.selectFrom('org_units').selectAll().orderBy('sort').orderBy('id').execute();
  return rows.map(toOrgUnit);
}

export async function findOrgUnit(db: Kysely<DB>, id: string): Promise<OrgUnit | undefined> {
  const row = await db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOrgUnit(row) : undefined;
}

/**
 * Writes the 赣县区 tree into a database that has none (parents before children). Once an
 * admin has edited the tree it is theirs: nothing here overwrites it.
 */
export async function ensureOrganisation(db: Database): Promise<number> {
  const any = await db.selectFrom('org_units').select('id').limit(1).executeTakeFirst();
  if (any) return 0;
  await db.transaction().execute(async (trx) => {
    for (const unit of GANXIAN_ORGANISATION) {
      await trx
        .insertInto('org_units')
        .values(toRow(OrgUnitInput.parse(unit)))
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
  });
  return GANXIAN_ORGANISATION.length;
}

async function wouldLoop(trx: Kysely<DB>, id: string, parentId: string | null): Promise<boolean> {
  for (let at = parentId, hops = 0; at && hops < 64; hops++) {
    if (at === id) return true;
    const parent = await trx
      .selectFrom('org_units')
      .select('parent_id')
      .where('id', '=', at)
      .executeTakeFirst();
    if (!parent)
      throw new AppError('validation_failed', `no unit ${at} to be the parent`, [
        { path: 'parentId', message: 'no such unit' },
      ]);
    at = parent.parent_id;
  }
  return false;
}

/** Creates or replaces one unit of the tree (admin), audited with what changed. */
export async function saveOrgUnit(
  db: Database,
  principal: Principal,
  input: z.output<typeof OrgUnitInput>,
  requestId: string | null,
): Promise<OrgUnit> {
  return db.transaction().execute(async (trx) => {
    if (await wouldLoop(trx, input.id, input.parentId))
      throw new AppError('validation_failed', 'a unit cannot sit under itself', [
        { path: 'parentId', message: 'would make a loop' },
      ]);
    const before = await trx
      .selectFrom('org_units')
      .selectAll()
      .where('id', '=', input.id)
      .executeTakeFirst();
    const values = toRow(input);
    const row = await trx
      .insertInto('org_units')
      .values(values)
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actor: actorOf(principal),
      action: before ? 'org_unit.update' : 'org_unit.create',
      target: `org_unit:${input.id}`,
      outcome: 'success',
      requestId,
      details: {
        name: input.name,
        kind: input.kind,
        parentId: input.parentId,
        areaDrawn: input.area !== null,
      },
    });
    return toOrgUnit(row);
  });
}
