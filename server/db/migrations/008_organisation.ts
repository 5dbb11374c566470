import type { Kysely } from 'kysely';
import { runStatements } from './runStatements';

/**
 * The bureau as data (issue #11): the organisation tree (departments, 大队, 中队, 派出所) with
 * jurisdiction areas, the unit each officer and each task belongs to, and every revision of a
 * task's 第二十一条 handling suggestion.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    CREATE TABLE org_units (
      id text PRIMARY KEY,
      parent_id text REFERENCES org_units(id),
      name text NOT NULL,
      -- bureau, department, brigade (大队), squadron (中队), station (派出所)
      kind text NOT NULL,
      -- the linkage department whose duties the unit carries (its inbox), if any
      department_id text REFERENCES departments(id),
      lat double precision,
      lng double precision,
      -- jurisdiction polygon as [[lng, lat], …]; null: the nearest station's by its position
      area jsonb,
      area_approximate boolean NOT NULL DEFAULT false,
      township text,
      sort integer NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX org_units_parent ON org_units(parent_id);

    -- 第三十一条/维权委: the case drew public attention (a facts change the linkage follows)
    ALTER TABLE incidents ADD COLUMN media_attention boolean NOT NULL DEFAULT false;
    ALTER TABLE users ADD COLUMN org_unit_id text REFERENCES org_units(id);
    -- the unit the task was routed to, and its name then (the record reads as it was sent)
    ALTER TABLE department_tasks ADD COLUMN org_unit_id text REFERENCES org_units(id);
    ALTER TABLE department_tasks ADD COLUMN org_unit_name text;

    -- Every version of a task's handling suggestion: the linkage's, each re-plan's, each correction.
    CREATE TABLE handling_revisions (
      id bigserial PRIMARY KEY,
      task_id uuid NOT NULL REFERENCES department_tasks(id),
      suggestion jsonb NOT NULL,
      source text NOT NULL,
      actor text NOT NULL,
      reason text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX handling_revisions_task ON handling_revisions(task_id, id);
    `,
  ]);
}
