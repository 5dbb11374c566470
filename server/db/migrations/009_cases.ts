import type { Kysely } from 'kysely';
import { runStatements } from './runStatements';

/**
 * Rights-protection cases (issue #12, 第十二条 to 第三十一条). Plain columns for what a ledger
 * (第三十五条) filters and counts on — status, category, channel, dates, deadlines — so reports
 * need no JSON digging; jsonb only for the applicant's contact data and step details.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    -- Calendar dates in China's time zone are kept as 'YYYY-MM-DD' text: they compare and sort as
    -- dates, cast with ::date, and neither driver shifts them through the machine's time zone.
    CREATE TABLE cases (
      id uuid PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      status text NOT NULL,
      channel text NOT NULL,
      category text NOT NULL,
      summary text NOT NULL,
      applicant_kind text NOT NULL,
      -- the logged-in officer or the officer a relative applies for; who may read it as "my application"
      applicant_user_id uuid REFERENCES users(id),
      -- names and phones: personal data, masked on read unless revealed (audited)
      applicant jsonb NOT NULL,
      incident_id uuid REFERENCES incidents(id),
      received_at timestamptz NOT NULL,
      received_on text NOT NULL CHECK (received_on ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      acceptance_due text NOT NULL CHECK (acceptance_due ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      acceptance_basis text NOT NULL,
      decision text,
      decided_at timestamptz,
      decided_by uuid REFERENCES users(id),
      refusal_reasons text,
      review_due text CHECK (review_due ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      review_basis text,
      accepted_on text CHECK (accepted_on ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      feedback_due text CHECK (feedback_due ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      feedback_basis text,
      feedback_extended boolean NOT NULL DEFAULT false,
      feedback_given_at timestamptz,
      feedback_text text,
      referred_up_at timestamptz,
      liability_finding text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX cases_status ON cases(status, received_at);
    CREATE INDEX cases_applicant ON cases(applicant_user_id);
    CREATE INDEX cases_incident ON cases(incident_id);

    -- 第三十七/三十八条: the officers concerned, auxiliary and off duty included.
    CREATE TABLE case_officers (
      case_id uuid NOT NULL REFERENCES cases(id),
      position int NOT NULL,
      user_id uuid REFERENCES users(id),
      name text NOT NULL,
      auxiliary boolean NOT NULL,
      off_duty boolean NOT NULL,
      PRIMARY KEY (case_id, position)
    );
    CREATE INDEX case_officers_user ON case_officers(user_id);

    -- Every step, append-only: who did what and when.
    CREATE TABLE case_events (
      id bigserial PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id),
      at timestamptz NOT NULL,
      actor text NOT NULL,
      actor_name text,
      kind text NOT NULL,
      details jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX case_events_case ON case_events(case_id, id);

    -- 第十六条: what 维权办 asked a department to find out or do, and its result.
    CREATE TABLE case_tasks (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id),
      department_id text NOT NULL REFERENCES departments(id),
      request text NOT NULL,
      status text NOT NULL,
      result text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      completed_by text,
      completed_at timestamptz
    );
    CREATE INDEX case_tasks_department ON case_tasks(department_id, status);
    CREATE INDEX case_tasks_case ON case_tasks(case_id);

    -- 第二十一条 to 第三十一条: handling, findings and remedies, each with its approver.
    CREATE TABLE case_remedies (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id),
      kind text NOT NULL,
      details jsonb NOT NULL,
      amount_yuan numeric(14, 2),
      approved_by uuid NOT NULL REFERENCES users(id),
      recorded_by text NOT NULL,
      at timestamptz NOT NULL
    );
    CREATE INDEX case_remedies_case ON case_remedies(case_id, kind);

    -- A year's State Council schedule as an administrator entered it (the package lags).
    CREATE TABLE working_calendar_years (
      year int PRIMARY KEY,
      holidays jsonb NOT NULL,
      workdays jsonb NOT NULL,
      entered_by text NOT NULL,
      entered_at timestamptz NOT NULL
    );

    CREATE SEQUENCE case_reference_seq;
  `,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    DROP SEQUENCE case_reference_seq;
    DROP TABLE working_calendar_years;
    DROP TABLE case_remedies;
    DROP TABLE case_tasks;
    DROP TABLE case_events;
    DROP TABLE case_officers;
    DROP TABLE cases;
  `,
  ]);
}
