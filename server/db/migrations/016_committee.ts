import type { Kysely } from 'kysely';
import { runStatements } from './runStatements';

/**
 * The rights-protection committee (维权委, 第六条/第七条) as people in the system: which member is
 * its director (主任, the 督察长), the cases put before it as serious, the 督办 it or 督察 marks
 * (第七条, 第十九条), extension requests waiting for the director (第十六条), and the notices
 * (the committee's inbox and deadline reminders) with a key that makes each one happen once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    -- 第六条: 督察长任主任. An attribute of a committee member rather than a role of its own, so
    -- a change of director is one update and the member keeps every other right.
    ALTER TABLE users ADD COLUMN committee_director boolean NOT NULL DEFAULT false;

    -- Why the case is before the committee (local policy, server/committee/seriousCase.ts); null: not serious.
    ALTER TABLE cases ADD COLUMN serious_reasons jsonb;
    ALTER TABLE cases ADD COLUMN serious_since timestamptz;
    -- 督办 (第七条, 第十九条): who marked it, when and why.
    ALTER TABLE cases ADD COLUMN supervised_at timestamptz;
    ALTER TABLE cases ADD COLUMN supervised_by text;
    ALTER TABLE cases ADD COLUMN supervised_by_name text;
    ALTER TABLE cases ADD COLUMN supervision_note text;
    -- 第十六条: 维权办's request for more time, waiting for the director's decision.
    ALTER TABLE cases ADD COLUMN extension_request jsonb;

    CREATE TABLE case_notices (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id),
      -- serious | reminder | extension_request
      kind text NOT NULL,
      -- one notice per key: serious-<case>, reminder-<case>-<deadline>-<due>, …
      notice_key text NOT NULL UNIQUE,
      -- who is told: the committee, 维权办, or both
      audience jsonb NOT NULL,
      details jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL,
      sent_at timestamptz
    );
    CREATE INDEX case_notices_case ON case_notices(case_id, created_at);
  `,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    DROP TABLE case_notices;
    ALTER TABLE cases DROP COLUMN extension_request;
    ALTER TABLE cases DROP COLUMN supervision_note;
    ALTER TABLE cases DROP COLUMN supervised_by_name;
    ALTER TABLE cases DROP COLUMN supervised_by;
    ALTER TABLE cases DROP COLUMN supervised_at;
    ALTER TABLE cases DROP COLUMN serious_since;
    ALTER TABLE cases DROP COLUMN serious_reasons;
    ALTER TABLE users DROP COLUMN committee_director;
  `,
  ]);
}
