/**
 * npm run audit:verify: walks the audit hash chain of the configured database and compares
 * its head with the last anchor written outside it (AUDIT_ANCHOR_FILE, default
 * DATA_DIR/audit-anchors.jsonl). Exit codes: 0 chain intact, 1 chain broken, empty or shorter
 * than its anchor, 2 could not check (e.g. database unreachable), so a scheduled job can tell
 * tampering from an outage.
 */
import path from 'node:path';
import { migrateToLatest, openDatabase } from '../db/database';
import { readLastAnchor } from './auditAnchor';
import { verifyAuditChain } from './verifyChain';

async function main(): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const handle = await openDatabase(
    databaseUrl ? { databaseUrl, poolSize: 1 } : { dataDir: process.env.DATA_DIR || './data' },
  );
  try {
    await migrateToLatest(handle.db);
    const anchorFile = path.resolve(
      process.env.AUDIT_ANCHOR_FILE || path.join(process.env.DATA_DIR || './data', 'audit-anchors.jsonl'),
    );
    const anchor = await readLastAnchor(anchorFile);
    const report = await verifyAuditChain(handle.db, { anchor });
    const against = anchor
      ? `, head matches the anchor of ${anchor.at} (row ${anchor.id})`
      : ', no anchor to compare with';
    if (report.ok) {
      console.log(`audit chain OK: ${report.checked} rows checked${against}`);
      return 0;
    }
    if ('empty' in report) {
      console.error(
        report.anchor
          ? `audit log EMPTY, but row ${report.anchor.id} was anchored at ${report.anchor.at}: the log was emptied`
          : 'audit log EMPTY: no rows to verify (nothing recorded yet, or the log was emptied)',
      );
      return 1;
    }
    if ('shorterThanAnchor' in report) {
      const a = report.shorterThanAnchor;
      console.error(
        `audit chain SHORTER than its anchor: ends at row ${a.lastId} but row ${a.id} was anchored at ${a.at}; the newest rows were removed (${report.checked} rows checked)`,
      );
      return 1;
    }
    console.error(
      `audit chain BROKEN at row ${report.firstBroken.id}: ${report.firstBroken.reason} (${report.checked} rows checked before it)`,
    );
    return 1;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('audit verification could not run:', error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
