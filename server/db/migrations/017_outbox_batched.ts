import type { Kysely } from 'kysely';
import { runStatements } from './runStatements';

/**
 * Issue #14: whether a stream event may wait in the outbox to share a packet with others
 * (server/outbox/streamBatches.ts) is decided where it is written, not by its topic: a linkage
 * task and the incident version its change bumps go together, while an alert, an acknowledgement
 * or a dispatch goes at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    ALTER TABLE outbox ADD COLUMN batched boolean NOT NULL DEFAULT false;
    -- before this, every task event was batched
    UPDATE outbox SET batched = true WHERE topic = 'task' AND published_at IS NULL;
  `,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['ALTER TABLE outbox DROP COLUMN batched;']);
}
