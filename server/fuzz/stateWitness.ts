import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Database } from '../db/database';
import { QUEUES } from '../jobs/jobCatalog';

/**
 * What a rejected request must not change: the database (any transaction that wrote), the
 * queues (BullMQ's job counter of every queue in the catalog) and Object.prototype.
 * Writes are found by the snapshot's next transaction id, which only a writing transaction
 * advances, so one cheap query covers UPDATEs as well as INSERTs and DELETEs.
 */
/**
 * Queues whose schedulers add jobs on a timer (the warning sweep, the day's clearing): their
 * counters move without any request. A job a request would cause travels in an outbox row, which
 * the database check sees.
 */
const SCHEDULED_QUEUES: ReadonlySet<string> = new Set(['warnings', 'clearing']);

export interface StateMark {
  nextXid: number;
  jobCounters: string;
  prototypeKeys: string;
}

export interface Write {
  table: string;
  row: Record<string, unknown>;
}

export async function markState(db: Database, redis: Redis, prefix: string): Promise<StateMark> {
  const { rows } = await sql<{
    xmax: string;
  }>`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax`.execute(db);
  const counterKeys = QUEUES.filter((q) => !SCHEDULED_QUEUES.has(q)).map((q) => `${prefix}:bull:${q}:id`);
  const counters = await redis.mget(...counterKeys);
  return {
    nextXid: Number(rows[0]?.xmax ?? 0),
    jobCounters: counterKeys.map((k, i) => `${k}=${counters[i]}`).join(','),
    prototypeKeys: Object.getOwnPropertyNames(Object.prototype).sort().join(','),
  };
}

/** The rows written by transactions that began between two marks, table by table. */
export async function writesBetween(db: Database, from: StateMark, to: StateMark): Promise<Write[]> {
  if (to.nextXid <= from.nextXid) return [];
  const { rows: tables } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const writes: Write[] = [];
  for (const { name } of tables) {
    const { rows } = await sql<{ row: Record<string, unknown> }>`
      SELECT to_jsonb(t) AS row FROM ${sql.table(name)} t
      WHERE (t.xmin::text)::bigint >= ${from.nextXid} AND (t.xmin::text)::bigint < ${to.nextXid}`.execute(db);
    for (const { row } of rows) writes.push({ table: name, row });
  }
  return writes;
}
