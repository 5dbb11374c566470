import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Database } from '../db/database';
import { QUEUES } from '../jobs/jobCatalog';

/**
 * What a rejected request must not change: the database (any transaction that wrote), the
 * queues (BullMQ's job counter of every queue in the catalog) and Object.prototype.
 * Writes are found by the snapshot's next transaction id, which only a writing transaction
 * advances, so one cheap query covers UPDATEs as well as INSERTs and DELETEs. The audit log,
 * which every refusal may append to and which grows to hundreds of thousands of rows in the long
 * form, is read by its id (append-only, enforced by a trigger) rather than scanned.
 */
/**
 * Queues whose schedulers add jobs on a timer (the warning sweep, the day's clearing, the outbox
 * prune): their counters move without any request. A job a request would cause travels in an outbox row, which
 * the database check sees.
 */
const SCHEDULED_QUEUES: ReadonlySet<string> = new Set(['warnings', 'clearing', 'housekeeping']);

export interface StateMark {
  nextXid: number;
  auditId: number;
  outboxId: number;
  jobCounters: string;
  prototypeKeys: string;
}

export interface Write {
  table: string;
  row: Record<string, unknown>;
}

export async function markState(db: Database, redis: Redis, prefix: string): Promise<StateMark> {
  const { rows } = await sql<{ xmax: string; audit_id: string; outbox_id: string }>`
    SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax,
      (SELECT coalesce(max(id), 0) FROM audit_log)::text AS audit_id,
      (SELECT coalesce(max(id), 0) FROM outbox)::text AS outbox_id`.execute(db);
  const counterKeys = QUEUES.filter((q) => !SCHEDULED_QUEUES.has(q)).map((q) => `${prefix}:bull:${q}:id`);
  const counters = await redis.mget(...counterKeys);
  return {
    nextXid: Number(rows[0]?.xmax ?? 0),
    auditId: Number(rows[0]?.audit_id ?? 0),
    outboxId: Number(rows[0]?.outbox_id ?? 0),
    jobCounters: counterKeys.map((k, i) => `${k}=${counters[i]}`).join(','),
    prototypeKeys: Object.getOwnPropertyNames(Object.prototype).sort().join(','),
  };
}

/** The rows written by transactions that began between two marks, table by table. */
export async function writesBetween(db: Database, from: StateMark, to: StateMark): Promise<Write[]> {
  if (to.nextXid <= from.nextXid) return [];
  const { rows: tables } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'audit_log'
    ORDER BY table_name`.execute(db);
  // One statement for every table: the long form asks this after most refusals.
  const perTable = tables.map(
    ({ name }) => sql`SELECT ${name}::text AS name, to_jsonb(t) AS row FROM ${sql.table(name)} t
      WHERE (t.xmin::text)::bigint >= ${from.nextXid} AND (t.xmin::text)::bigint < ${to.nextXid}`,
  );
  const { rows } = await sql<{ name: string; row: Record<string, unknown> }>`
    SELECT 'audit_log'::text AS name, to_jsonb(t) AS row FROM audit_log t
      WHERE id > ${from.auditId} AND id <= ${to.auditId}
    UNION ALL ${sql.join(perTable, sql` UNION ALL `)}`.execute(db);
  // The relay publishes (updates) outbox rows of earlier, accepted requests whenever it runs:
  // bookkeeping on a row older than the first mark is not the refused request's write.
  const writes: Write[] = rows
    .filter(({ name, row }) => !(name === 'outbox' && Number(row.id) <= from.outboxId))
    .map(({ name, row }) => ({ table: name, row }));
  return writes;
}
