import { Unit } from '@shared/domain/unit';
import type { Kysely, Selectable } from 'kysely';
import type { DB, UnitsTable } from '../db/schema';

export function toUnit(row: Selectable<UnitsTable>): Unit {
  return Unit.parse({
    id: row.id,
    callSign: row.call_sign,
    departmentId: row.department_id,
    kind: row.kind,
    status: row.status,
    position:
      row.lat === null || row.lng === null || row.position_at === null
        ? null
        : {
            lat: row.lat,
            lng: row.lng,
            ...(row.accuracy_m === null ? {} : { accuracyM: row.accuracy_m }),
            at: new Date(row.position_at).toISOString(),
          },
  });
}

export async function listUnits(db: Kysely<DB>): Promise<Unit[]> {
  const rows = await db.selectFrom('units').selectAll().orderBy('call_sign').execute();
  return rows.map(toUnit);
}
