import { randomUUID } from 'node:crypto';
import type { WarningSettingsView } from '@shared/api/warnings';
import { DEFAULT_WARNING_SETTINGS, WarningSettings } from '@shared/domain/warning';
import type { z } from 'zod';
import { appendAudit } from '../audit/auditLog';
import type { Database } from '../db/database';
import { jobs } from '../jobs/jobCatalog';
import { appendOutboxJobs } from '../outbox/outboxWriter';

type View = z.infer<typeof WarningSettingsView>;

/** The thresholds in force: the newest version an administrator saved, else the defaults (local policy). */
export async function currentWarningSettings(db: Database): Promise<View> {
  const row = await db
    .selectFrom('warning_settings')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row)
    return {
      settings: DEFAULT_WARNING_SETTINGS,
      version: 0,
      changedBy: null,
      changedAt: null,
      defaults: DEFAULT_WARNING_SETTINGS,
    };
  // A stored version missing a key added later takes that key's default.
  const settings = WarningSettings.parse({ ...DEFAULT_WARNING_SETTINGS, ...row.settings });
  return {
    settings,
    version: row.version,
    changedBy: row.created_by,
    changedAt: new Date(row.created_at).toISOString(),
    defaults: DEFAULT_WARNING_SETTINGS,
  };
}

/** Saves a new version (never overwrites: the record shows what was in force when a warning fired). */
export async function saveWarningSettings(
  db: Database,
  actor: string,
  settings: WarningSettings,
  requestId: string | null,
): Promise<View> {
  await db.transaction().execute(async (trx) => {
    const prev = await trx
      .selectFrom('warning_settings')
      .select('version')
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    const version = (prev?.version ?? 0) + 1;
    await trx
      .insertInto('warning_settings')
      .values({ version, settings: JSON.stringify(settings), created_by: actor, created_at: new Date() })
      .execute();
    await appendAudit(trx, {
      actor,
      action: 'warnings.settings_changed',
      target: `warning_settings:${version}`,
      outcome: 'success',
      requestId,
      details: { settings },
    });
    // New thresholds may fire or clear warnings at once, not at the next sweep.
    await appendOutboxJobs(trx, randomUUID(), [jobs.warningsEvaluate('settings')]);
  });
  return currentWarningSettings(db);
}
