import type { Kysely } from 'kysely';
import { runStatements } from './runStatements';

/** The field app (issue #6): evidence uploaded from phones with its chain of custody, Web Push, assignment notices. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    -- One file an officer uploaded from the phone (tus), under UPLOADS_DIR by its id.
    CREATE TABLE evidence_uploads (
      id uuid PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incidents(id),
      kind text NOT NULL,
      filename text NOT NULL,
      content_type text NOT NULL,
      size_bytes bigint NOT NULL,
      status text NOT NULL,
      -- what the phone computed before sending, and what the server computed over the stored bytes
      client_sha256 text NOT NULL,
      sha256 text,
      uploaded_by_user_id uuid NOT NULL REFERENCES users(id),
      unit_id uuid REFERENCES units(id),
      device text,
      created_at timestamptz NOT NULL,
      completed_at timestamptz
    );
    CREATE INDEX evidence_uploads_incident ON evidence_uploads(incident_id, created_at);

    -- The chain of custody: every hand the evidence passed through, append-only.
    CREATE TABLE evidence_custody (
      id bigserial PRIMARY KEY,
      upload_id uuid NOT NULL REFERENCES evidence_uploads(id),
      at timestamptz NOT NULL,
      actor text NOT NULL,
      action text NOT NULL,
      device text,
      ip text,
      details jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX evidence_custody_upload ON evidence_custody(upload_id, id);

    CREATE TABLE push_subscriptions (
      endpoint text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      p256dh text NOT NULL,
      auth text NOT NULL,
      user_agent text,
      created_at timestamptz NOT NULL,
      last_success_at timestamptz,
      last_failure text
    );
    CREATE INDEX push_subscriptions_user ON push_subscriptions(user_id);

    -- SMS/IM address of a unit's phone, for the fallback when an assignment is not answered.
    CREATE TABLE unit_contacts (
      unit_id uuid PRIMARY KEY REFERENCES units(id),
      sms_contact text NOT NULL
    );

    -- Each try to reach a unit's phone about an assignment besides the socket: web push, sms.
    CREATE TABLE assignment_notices (
      id bigserial PRIMARY KEY,
      assignment_id uuid NOT NULL REFERENCES assignments(id),
      channel text NOT NULL,
      recipient text NOT NULL,
      outcome text NOT NULL,
      error text,
      at timestamptz NOT NULL
    );
    CREATE INDEX assignment_notices_assignment ON assignment_notices(assignment_id, channel);
  `,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    DROP TABLE assignment_notices;
    DROP TABLE unit_contacts;
    DROP TABLE push_subscriptions;
    DROP TABLE evidence_custody;
    DROP TABLE evidence_uploads;
  `,
  ]);
}
