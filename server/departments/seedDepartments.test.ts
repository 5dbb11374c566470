import { DEPARTMENT_IDS, DEPARTMENT_NAMES } from '@shared/domain/department';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { createTestDatabase, DATABASE_KINDS } from '../testing/databases';
import { DEPARTMENT_CATALOG } from './departmentCatalog';
import { ensureDepartments } from './seedDepartments';

describe('department catalog', () => {
  it('names every department id exactly once, in Chinese', () => {
    expect(DEPARTMENT_CATALOG.map((d) => d.id)).toEqual([...DEPARTMENT_IDS]);
    const names = DEPARTMENT_CATALOG.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[\u4e00-\u9fff、]+$/);
    expect(DEPARTMENT_NAMES).toMatchObject({
      command_center: '指挥中心',
      rights_office: '维权办',
      investigation: '刑侦、治安等办案部门',
      local_station: '属地派出所',
    });
  });
});

describe.each(DATABASE_KINDS)('ensureDepartments on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(() => handle?.close());

  const rows = () => handle.db.selectFrom('departments').selectAll().orderBy('id').execute();

  it('inserts every department and is idempotent', async () => {
    expect(await ensureDepartments(handle.db)).toBe(DEPARTMENT_IDS.length);
    const first = await rows();
    expect(first.map((r) => [r.id, r.name]).sort()).toEqual(
      DEPARTMENT_CATALOG.map((d) => [d.id, d.name]).sort(),
    );
    await ensureDepartments(handle.db);
    expect(await rows()).toEqual(first);
  });

  it('restores a changed name but keeps the webhook settings', async () => {
    await handle.db
      .updateTable('departments')
      .set({ name: 'renamed', webhook_url: 'https://example.test/hook', webhook_secret: 's3cret' })
      .where('id', '=', 'cyber')
      .execute();
    await ensureDepartments(handle.db);
    const cyber = await handle.db
      .selectFrom('departments')
      .selectAll()
      .where('id', '=', 'cyber')
      .executeTakeFirstOrThrow();
    expect(cyber).toEqual({
      id: 'cyber',
      name: '网安大队',
      webhook_url: 'https://example.test/hook',
      webhook_secret: 's3cret',
    });
  });
});
