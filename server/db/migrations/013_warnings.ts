import type { Kysely } from 'kysely';
import { runStatements } from './runStatements';

/**
 * Early warnings (issue #13, 第三十五条/第三十六条). One row per firing; the partial unique index
 * is what makes a warning fire once per (model, subject) while it is open, even when two
 * evaluations race. Rows are never deleted: resolved and cleared ones are the record a periodic
 * report counts (countFiringsByModel).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    CREATE TABLE warnings (
      id uuid PRIMARY KEY,
      model text NOT NULL,
      subject_key text NOT NULL,
      -- the facts that made this firing (e.g. the newest incident of a repeat victim): a person's
      -- resolution holds until the facts change, then the subject may fire again
      fingerprint text NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'acknowledged', 'resolved', 'cleared')),
      evidence jsonb NOT NULL,
      refs jsonb NOT NULL,
      fired_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by text,
      acknowledged_note text,
      resolved_at timestamptz,
      resolved_by text,
      resolved_note text,
      cleared_at timestamptz
    );
    CREATE UNIQUE INDEX warnings_one_open ON warnings(model, subject_key)
      WHERE status IN ('active', 'acknowledged');
    CREATE INDEX warnings_history ON warnings(model, subject_key, fingerprint);
    CREATE INDEX warnings_fired ON warnings(fired_at, model);

    -- Thresholds as administrators set them, one version per change; none: the defaults (local policy).
    CREATE TABLE warning_settings (
      version int PRIMARY KEY,
      settings jsonb NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL
    );
  `,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['DROP TABLE warning_settings;\nDROP TABLE warnings;']);
}
