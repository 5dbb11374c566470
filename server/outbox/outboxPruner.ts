import { sql } from 'kysely';
import type { Database } from '../db/database';

/** Rows removed per transaction: short transactions, so the relay and consoles never wait long. */
const BATCH = 5000;

export interface PruneResult {
  removed: number;
  /** The highest stream sequence removed so far (this run or an earlier one); 0 if none ever was. */
  throughSeq: number;
}

/**
 * Removes outbox rows that are done with: published to consoles, their jobs on the queue, and
 * published before `before`. Dead letters and rows still in flight stay (the supervisor's delivery
 * view and the relay read them), and so does the newest published row, which is the head of the
 * stream a snapshot is taken at. Each batch raises the kept high-water mark in the same
 * transaction, so a resume never sees a gap it is not told about.
 */
export async function pruneOutbox(db: Database, before: Date, batch = BATCH): Promise<PruneResult> {
  let removed = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ seq: number | null; n: number }>`
        WITH doomed AS (
          SELECT id FROM outbox
          WHERE published_at IS NOT NULL AND published_at < ${before}::timestamptz
            AND jobs_enqueued_at IS NOT NULL AND dead_lettered_at IS NULL
            AND stream_seq < (SELECT max(stream_seq) FROM outbox)
          ORDER BY published_at
          LIMIT ${batch}
        ), gone AS (
          DELETE FROM outbox o USING doomed WHERE o.id = doomed.id RETURNING o.stream_seq
        )
        SELECT max(stream_seq) AS seq, count(*)::int AS n FROM gone`.execute(trx);
      const { seq, n } = rows[0] ?? { seq: null, n: 0 };
      if (!n || seq === null) return 0;
      await sql`
        INSERT INTO outbox_pruned (only_row, through_seq, rows_removed, pruned_at)
        VALUES (true, ${seq}, ${n}, now())
        ON CONFLICT (only_row) DO UPDATE SET
          through_seq = greatest(outbox_pruned.through_seq, excluded.through_seq),
          rows_removed = outbox_pruned.rows_removed + excluded.rows_removed,
          pruned_at = excluded.pruned_at`.execute(trx);
      return Number(n);
    });
    removed += n;
    if (n < batch) break;
  }
  return { removed, throughSeq: await prunedThrough(db) };
}

/** The highest stream sequence ever removed: a replay from below it cannot be complete. */
export async function prunedThrough(db: Database): Promise<number> {
  const row = await db.selectFrom('outbox_pruned').select('through_seq').executeTakeFirst();
  return row ? Number(row.through_seq) : 0;
}
