import type { Database } from '../db/database';
import { DEPARTMENT_CATALOG } from './departmentCatalog';

/**
 * Upserts the fixed departments. Only the name is overwritten: webhook settings are configured
 * per deployment and survive restarts. Safe to run at every boot and from several processes.
 */
export async function ensureDepartments(db: Database): Promise<number> {
  await db
    .insertInto('departments')
    .values(DEPARTMENT_CATALOG.map((d) => ({ id: d.id, name: d.name })))
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({ name: eb.ref('excluded.name') }))
        .where((eb) => eb('departments.name', '!=', eb.ref('excluded.name'))),
    )
    .execute();
  return DEPARTMENT_CATALOG.length;
}
