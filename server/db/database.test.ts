import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS } from '../testing/databases';
import type { DatabaseHandle } from './database';
import { migrateToLatest } from './database';

describe.each(DATABASE_KINDS)('database on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(async () => handle?.close());

  it('applies every migration once and is idempotent on restart', async () => {
    expect(await migrateToLatest(handle.db)).toEqual([]);
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`.execute(
      handle.db,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['audit_log', 'incidents', 'outbox', 'sessions', 'users', 'units']),
    );
  });

  it('returns bigserial values as numbers on both drivers', async () => {
    const row = await sql<{ n: number }>`SELECT nextval('stream_seq') AS n`.execute(handle.db);
    expect(row.rows[0]?.n).toBeTypeOf('number');
  });
});
