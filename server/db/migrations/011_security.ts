import type { Kysely } from 'kysely';
import { runStatements } from './runStatements';

/** Issue #10: records that must only grow refuse TRUNCATE too, which row-level triggers never see. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

    -- The evidence's chain of custody is append-only as well (it was so only by convention).
    CREATE FUNCTION evidence_custody_append_only() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION 'evidence_custody is append-only';
    END;
    $$ LANGUAGE plpgsql;
    CREATE TRIGGER evidence_custody_no_update BEFORE UPDATE OR DELETE ON evidence_custody
      FOR EACH ROW EXECUTE FUNCTION evidence_custody_append_only();
    CREATE TRIGGER evidence_custody_no_truncate BEFORE TRUNCATE ON evidence_custody
      FOR EACH STATEMENT EXECUTE FUNCTION evidence_custody_append_only();
    `,
  ]);
}
