import type { Kysely } from 'kysely';
import { runStatements } from './runStatements';

/**
 * Issue #10: an outbox row that cannot be published is retried a bounded number of times and
 * then set aside (dead-lettered) instead of holding up every later row; a delivery that fails
 * for good is recorded where a supervisor sees it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    -- events go out first; a row's jobs are enqueued after, on their own (Redis may refuse them)
    ALTER TABLE outbox ADD COLUMN jobs_enqueued_at timestamptz;
    ALTER TABLE outbox ADD COLUMN attempts integer NOT NULL DEFAULT 0;
    ALTER TABLE outbox ADD COLUMN last_error text;
    -- a failed row waits until then, so the rows after it go out meanwhile
    ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz;
    ALTER TABLE outbox ADD COLUMN dead_lettered_at timestamptz;
    DROP INDEX outbox_pending;
    CREATE INDEX outbox_pending ON outbox(id) WHERE published_at IS NULL AND dead_lettered_at IS NULL;
    CREATE INDEX outbox_jobs_pending ON outbox(id) WHERE jobs_enqueued_at IS NULL AND dead_lettered_at IS NULL;
    CREATE INDEX outbox_dead ON outbox(dead_lettered_at) WHERE dead_lettered_at IS NOT NULL;
    -- rows published before this migration had their jobs enqueued in the same pass
    UPDATE outbox SET jobs_enqueued_at = published_at WHERE published_at IS NOT NULL;

    -- A department delivery (webhook, SMS/IM) whose last attempt failed: nobody was reached.
    CREATE TABLE delivery_failures (
      id bigserial PRIMARY KEY,
      task_id uuid NOT NULL REFERENCES department_tasks(id),
      channel text NOT NULL,
      event text NOT NULL,
      recipient text NOT NULL,
      attempts integer NOT NULL,
      error text,
      failed_at timestamptz NOT NULL,
      UNIQUE (task_id, channel, event, recipient)
    );
    CREATE INDEX delivery_failures_at ON delivery_failures(failed_at);
  `,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    DROP TABLE delivery_failures;
    DROP INDEX outbox_dead;
    DROP INDEX outbox_jobs_pending;
    DROP INDEX outbox_pending;
    CREATE INDEX outbox_pending ON outbox(id) WHERE published_at IS NULL;
    ALTER TABLE outbox DROP COLUMN dead_lettered_at;
    ALTER TABLE outbox DROP COLUMN next_attempt_at;
    ALTER TABLE outbox DROP COLUMN last_error;
    ALTER TABLE outbox DROP COLUMN attempts;
    ALTER TABLE outbox DROP COLUMN jobs_enqueued_at;
  `,
  ]);
}
