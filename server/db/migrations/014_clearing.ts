import type { Kysely } from 'kysely';
import { runStatements } from './runStatements';

/**
 * Issue #13 items 4 and 5, issue #12's case attachments.
 * - Evidence uploads belong to an incident or to a case (exactly one), through the same tus
 *   endpoint, hashes and chain of custody.
 * - Checkpoints a case must pass before it closes (Shanghai's 必检环节, seed 004): stored, so an
 *   administrator can add items; the built-in ones are computed from the case, added ones are
 *   confirmed by a person with a note.
 * - Clearing (日清零、月清结、季清查, seed 001): each day's list of open incidents and tasks,
 *   the reasons people gave for carrying an item over, and the monthly and quarterly sign-offs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    ALTER TABLE evidence_uploads ALTER COLUMN incident_id DROP NOT NULL;
    ALTER TABLE evidence_uploads ADD COLUMN case_id uuid REFERENCES cases(id);
    ALTER TABLE evidence_uploads ADD CONSTRAINT evidence_uploads_one_owner
      CHECK ((incident_id IS NULL) <> (case_id IS NULL));
    CREATE INDEX evidence_uploads_case ON evidence_uploads(case_id, created_at);

    ALTER TABLE cases ADD COLUMN closed_at timestamptz;
    ALTER TABLE cases ADD COLUMN closed_by uuid REFERENCES users(id);

    -- 'computed' checkpoints are evaluated from the case by code named after their id;
    -- 'confirmed' ones (administrator-added) pass when a person confirms them on the case.
    CREATE TABLE case_checkpoints (
      id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9_]{1,62}$'),
      label_zh text NOT NULL,
      label_en text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('computed', 'confirmed')),
      active boolean NOT NULL DEFAULT true,
      position int NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL
    );
    INSERT INTO case_checkpoints (id, label_zh, label_en, kind, position, created_by, created_at) VALUES
      ('acceptance_decision', '受理决定已记录', 'Acceptance decision recorded', 'computed', 10, 'system', now()),
      ('evidence_attached', '证据材料已附卷', 'Evidence attached', 'computed', 20, 'system', now()),
      ('offender_handling', '违法行为人处理已记录', 'Offender handling recorded', 'computed', 30, 'system', now()),
      ('liability_finding', '责任认定已作出（如适用）', 'Liability finding made (where one applies)', 'computed', 40, 'system', now()),
      ('written_feedback', '书面反馈已送达', 'Written feedback delivered', 'computed', 50, 'system', now());

    CREATE TABLE case_checkpoint_confirmations (
      case_id uuid NOT NULL REFERENCES cases(id),
      checkpoint_id text NOT NULL REFERENCES case_checkpoints(id),
      note text NOT NULL,
      confirmed_by uuid NOT NULL REFERENCES users(id),
      confirmed_at timestamptz NOT NULL,
      PRIMARY KEY (case_id, checkpoint_id)
    );

    -- The list the end-of-day job built: what was open when the day was cut.
    CREATE TABLE clearing_days (
      day text PRIMARY KEY CHECK (day ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      built_at timestamptz NOT NULL
    );
    CREATE TABLE clearing_day_items (
      day text NOT NULL REFERENCES clearing_days(day),
      item_kind text NOT NULL CHECK (item_kind IN ('incident', 'task')),
      item_id uuid NOT NULL,
      status text NOT NULL,
      PRIMARY KEY (day, item_kind, item_id)
    );

    CREATE TABLE clearing_carryovers (
      id uuid PRIMARY KEY,
      day text NOT NULL CHECK (day ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      item_kind text NOT NULL CHECK (item_kind IN ('incident', 'task')),
      item_id uuid NOT NULL,
      reason text NOT NULL,
      given_by uuid NOT NULL REFERENCES users(id),
      given_at timestamptz NOT NULL,
      UNIQUE (day, item_kind, item_id)
    );
    CREATE INDEX clearing_carryovers_item ON clearing_carryovers(item_kind, item_id, day);

    CREATE TABLE clearing_signoffs (
      period_kind text NOT NULL CHECK (period_kind IN ('month', 'quarter')),
      period text NOT NULL,
      signed_by uuid NOT NULL REFERENCES users(id),
      signed_at timestamptz NOT NULL,
      note text NOT NULL,
      open_count int NOT NULL,
      snapshot jsonb NOT NULL,
      PRIMARY KEY (period_kind, period)
    );
    `,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    DROP TABLE clearing_signoffs;
    DROP TABLE clearing_carryovers;
    DROP TABLE clearing_day_items;
    DROP TABLE clearing_days;
    DROP TABLE case_checkpoint_confirmations;
    DROP TABLE case_checkpoints;
    ALTER TABLE cases DROP COLUMN closed_by;
    ALTER TABLE cases DROP COLUMN closed_at;
    DROP INDEX evidence_uploads_case;
    ALTER TABLE evidence_uploads DROP CONSTRAINT evidence_uploads_one_owner;
    ALTER TABLE evidence_uploads DROP COLUMN case_id;
    ALTER TABLE evidence_uploads ALTER COLUMN incident_id SET NOT NULL;
    `,
  ]);
}
