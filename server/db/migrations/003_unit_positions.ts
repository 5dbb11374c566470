import type { Kysely } from 'kysely';
import { runStatements } from './runStatements';

/** Position history for after-action replay; the latest position lives in Redis and on units. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    CREATE TABLE unit_positions (
      unit_id uuid NOT NULL REFERENCES units(id),
      at timestamptz NOT NULL,
      lat double precision NOT NULL,
      lng double precision NOT NULL,
      accuracy_m double precision,
      PRIMARY KEY (unit_id, at)
    );
    -- Retention deletes by time alone, which the primary key cannot serve; rows arrive in
    -- roughly time order, so a BRIN index does it at a fraction of a B-tree's write cost.
    CREATE INDEX unit_positions_at ON unit_positions USING brin (at);
  `,
  ]);
}
