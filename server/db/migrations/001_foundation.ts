import type { Kysely } from 'kysely';
import { runStatements } from './runStatements';

/** Identity, audit, reference data and the officer's sensitive profile. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    CREATE TABLE departments (
      id text PRIMARY KEY,
      name text NOT NULL,
      webhook_url text,
      webhook_secret text
    );

    CREATE TABLE units (
      id uuid PRIMARY KEY,
      call_sign text NOT NULL UNIQUE,
      department_id text NOT NULL REFERENCES departments(id),
      kind text NOT NULL,
      status text NOT NULL DEFAULT 'available',
      lat double precision,
      lng double precision,
      accuracy_m double precision,
      position_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY,
      username text NOT NULL UNIQUE,
      display_name text NOT NULL,
      role text NOT NULL,
      unit_id uuid REFERENCES units(id),
      department_id text REFERENCES departments(id),
      password_hash text NOT NULL,
      disabled boolean NOT NULL DEFAULT false,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (role <> 'field_officer' OR unit_id IS NOT NULL),
      CHECK (role <> 'department_staff' OR department_id IS NOT NULL)
    );

    -- Home address and close relatives (第十一条(五)(八), 第三十九条): every read is audited.
    CREATE TABLE officer_profiles (
      user_id uuid PRIMARY KEY REFERENCES users(id),
      home_address text,
      relatives jsonb NOT NULL DEFAULT '[]'
    );

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      user_agent text,
      ip text
    );
    CREATE INDEX sessions_user ON sessions(user_id);

    CREATE TABLE device_keys (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      key_hash text NOT NULL UNIQUE,
      scope text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      actor text NOT NULL,
      action text NOT NULL,
      target text,
      outcome text NOT NULL,
      request_id text,
      details jsonb NOT NULL DEFAULT '{}',
      prev_hash text NOT NULL,
      hash text NOT NULL
    );

    CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only';
    END;
    $$ LANGUAGE plpgsql;

    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
  `,
  ]);
}
