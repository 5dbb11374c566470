/**
 * npm run audit:verify: walks the audit hash chain of the configured database.
 * Exit codes: 0 chain intact, 1 chain broken, 2 could not check (e.g. database unreachable),
 * so a scheduled job can tell tampering from an outage.
 */
import { migrateToLatest, openDatabase } from '../db/database';
import { verifyAuditChain } from './verifyChain';

async function main(): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const handle = await openDatabase(
    databaseUrl ? { databaseUrl, poolSize: 1 } : { dataDir: process.env.DATA_DIR || './data' },
  );
  try {
    await migrateToLatest(handle.db);
    const report = await verifyAuditChain(handle.db);
    if (report.ok) {
      console.log(`audit chain OK: ${report.checked} rows checked`);
      return 0;
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
