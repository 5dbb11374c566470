import type { Kysely } from 'kysely';
import { runStatements } from './runStatements';

/**
 * Published outbox rows are kept for OUTBOX_RETAIN_DAYS and then removed (server/outbox/outboxPruner.ts).
 * A console resuming from before the removed rows must not be told its replay was complete: the
 * highest stream sequence ever removed is kept here, and a resume from below it is answered
 * "incomplete", which makes the console load a fresh snapshot.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    CREATE TABLE outbox_pruned (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      -- How many rows went and when is in the audit log (outbox.pruned), one row per batch.
      through_seq bigint NOT NULL
    );
    `,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    DROP TABLE outbox_pruned;
    `,
  ]);
}
