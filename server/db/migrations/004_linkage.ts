import type { Kysely } from 'kysely';
import { runStatements } from './runStatements';

/** Linkage rules, task lifecycle details, delivery attempts and 网安 evidence captures (issue #4). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    -- SMS/IM addresses of a department's duty desk and of its head (escalation step 2).
    CREATE TABLE department_contacts (
      department_id text PRIMARY KEY REFERENCES departments(id),
      duty_contact text,
      head_contact text
    );

    ALTER TABLE department_tasks
      ADD COLUMN rule_id text,
      ADD COLUMN rule_version integer,
      ADD COLUMN handling jsonb,
      ADD COLUMN restricted boolean NOT NULL DEFAULT false,
      ADD COLUMN note text,
      ADD COLUMN delivered_at timestamptz,
      ADD COLUMN acknowledged_at timestamptz,
      ADD COLUMN acknowledged_by text,
      ADD COLUMN completed_at timestamptz,
      -- optimistic check: a change decided on an older version is decided again
      ADD COLUMN version integer NOT NULL DEFAULT 1;
    CREATE INDEX department_tasks_department ON department_tasks(department_id, status);
    CREATE INDEX department_tasks_incident ON department_tasks(incident_id);

    -- Personal data a task needs but its announcement must not carry (relatives' addresses).
    CREATE TABLE task_restricted_details (
      task_id uuid PRIMARY KEY REFERENCES department_tasks(id),
      details jsonb NOT NULL
    );

    -- Every version an admin saved; the highest is in force. Tasks name the version that made them.
    CREATE TABLE linkage_rule_sets (
      version integer PRIMARY KEY,
      rule_set jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL
    );

    CREATE TABLE delivery_attempts (
      id bigserial PRIMARY KEY,
      task_id uuid NOT NULL REFERENCES department_tasks(id),
      channel text NOT NULL,
      event text NOT NULL,
      -- the webhook URL, the SMS/IM address, or the department room
      recipient text NOT NULL,
      attempt integer NOT NULL,
      outcome text NOT NULL,
      status_code integer,
      error text,
      duration_ms integer,
      at timestamptz NOT NULL
    );
    CREATE INDEX delivery_attempts_task ON delivery_attempts(task_id, id);

    CREATE TABLE evidence_captures (
      id uuid PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incidents(id),
      url text NOT NULL,
      status text NOT NULL,
      final_url text,
      http_status integer,
      headers jsonb,
      content_type text,
      size_bytes integer,
      sha256 text,
      storage_key text,
      captured_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      error text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (incident_id, url)
    );
  `,
  ]);
}
