import type { Kysely } from 'kysely';
import { runStatements } from './runStatements';

/** Incidents, their timeline, dispatch, department tasks and the transactional outbox. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    CREATE TABLE incidents (
      id uuid PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      category text NOT NULL,
      status text NOT NULL,
      priority integer NOT NULL,
      source text NOT NULL,
      lat double precision,
      lng double precision,
      accuracy_m double precision,
      address text,
      occurred_at timestamptz NOT NULL,
      officers jsonb NOT NULL DEFAULT '[]',
      injured boolean NOT NULL,
      vehicle_involved boolean NOT NULL,
      on_road boolean NOT NULL,
      ongoing boolean NOT NULL,
      content_urls jsonb NOT NULL DEFAULT '[]',
      description text NOT NULL DEFAULT '',
      raised_by_user_id uuid REFERENCES users(id),
      raised_by_unit_id uuid REFERENCES units(id),
      raised_by_device_id uuid REFERENCES device_keys(id),
      acknowledged_by_user_id uuid REFERENCES users(id),
      raised_at timestamptz NOT NULL,
      acknowledged_at timestamptz,
      first_en_route_at timestamptz,
      first_on_scene_at timestamptz,
      controlled_at timestamptz,
      closed_at timestamptz,
      -- how far the unacknowledged-alert ladder has climbed, and whom it paged
      unacked_step text,
      paged_unit_ids jsonb NOT NULL DEFAULT '[]',
      -- while units are on scene at a distress incident, when the next safety check-in is due
      checkin_due_at timestamptz,
      updated_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX incidents_open ON incidents(status) WHERE status NOT IN ('closed', 'cancelled', 'false_alarm');

    CREATE TABLE incident_events (
      id bigserial PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incidents(id),
      at timestamptz NOT NULL,
      actor text NOT NULL,
      kind text NOT NULL,
      details jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX incident_events_incident ON incident_events(incident_id, id);

    CREATE TABLE idempotency_keys (
      scope text NOT NULL,
      key text NOT NULL,
      incident_id uuid NOT NULL REFERENCES incidents(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (scope, key)
    );

    CREATE TABLE assignments (
      id uuid PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incidents(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      status text NOT NULL,
      dispatched_by_user_id uuid REFERENCES users(id),
      dispatched_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX assignments_incident ON assignments(incident_id);
    CREATE INDEX assignments_unit ON assignments(unit_id);

    CREATE TABLE department_tasks (
      id uuid PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incidents(id),
      department_id text NOT NULL REFERENCES departments(id),
      kind text NOT NULL,
      status text NOT NULL,
      article text NOT NULL,
      ack_deadline timestamptz NOT NULL,
      escalation_level integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (incident_id, department_id, kind)
    );

    -- Written in the same transaction as the change it announces; the relay publishes it and
    -- gives it a stream_seq in publication order, which is what consoles resume from.
    CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      topic text NOT NULL,
      aggregate_id uuid NOT NULL,
      payload jsonb NOT NULL,
      -- socket.io rooms that may see this event, decided when it is written
      rooms jsonb NOT NULL DEFAULT '[]',
      jobs jsonb NOT NULL DEFAULT '[]',
      -- sound the distress alarm on every console when published (new alert, re-alarm, missed check-in)
      alarm text,
      created_at timestamptz NOT NULL DEFAULT now(),
      stream_seq bigint UNIQUE,
      published_at timestamptz
    );
    CREATE INDEX outbox_pending ON outbox(id) WHERE published_at IS NULL;
    CREATE SEQUENCE stream_seq;
    CREATE SEQUENCE incident_reference_seq;
  `,
  ]);
}
