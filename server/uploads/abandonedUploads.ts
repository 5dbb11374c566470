import fs from 'node:fs/promises';
import path from 'node:path';
import { appendAudit } from '../audit/auditLog';
import type { Database } from '../db/database';
import { logger } from '../observability/logger';
import { addCustody } from './uploadRepository';

async function lastTouched(file: string): Promise<number | null> {
  try {
    return (await fs.stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Unfinished uploads nobody has added a byte to for `abandonAfterS` are abandoned: their partial
 * bytes (and tus's .json beside them) removed, the row marked, the chain of custody and the audit
 * log told why. Without this, a phone that gave up (or someone starting uploads on purpose) fills
 * the disk, and counts against its officer's concurrent uploads for ever.
 */
export async function sweepAbandonedUploads(
  db: Database,
  options: { uploadsDir: string; abandonAfterS: number },
  now = new Date(),
): Promise<number> {
  const cutoff = now.getTime() - options.abandonAfterS * 1000;
  const candidates = await db
    .selectFrom('evidence_uploads')
    .select(['id', 'incident_id', 'created_at'])
    .where('status', '=', 'uploading')
    .where('created_at', '<', new Date(cutoff))
    .execute();
  let abandoned = 0;
  for (const row of candidates) {
    const file = path.join(options.uploadsDir, row.id);
    const touched = (await lastTouched(file)) ?? new Date(row.created_at).getTime();
    if (touched >= cutoff) continue;
    const details = { incidentId: row.incident_id, idleSince: new Date(touched).toISOString() };
    const marked = await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('evidence_uploads')
        .set({ status: 'abandoned', completed_at: now })
        .where('id', '=', row.id)
        .where('status', '=', 'uploading')
        .returning('id')
        .executeTakeFirst();
      if (!updated) return false;
      await addCustody(
        trx,
        { uploadId: row.id, actor: 'system:uploads', action: 'abandoned', device: null, ip: null, details },
        now,
      );
      await appendAudit(trx, {
        actor: 'system:uploads',
        action: 'evidence_upload.abandoned',
        target: `evidence_upload:${row.id}`,
        outcome: 'success',
        details,
      });
      return true;
    });
    if (!marked) continue;
    await fs.rm(file, { force: true });
    await fs.rm(`${file}.json`, { force: true });
    abandoned += 1;
  }
  return abandoned;
}

export function startAbandonedUploadSweeper(
  db: Database,
  options: { uploadsDir: string; abandonAfterS: number },
) {
  const run = () =>
    sweepAbandonedUploads(db, options)
      .then((n) => {
        if (n) logger.info({ abandoned: n }, 'abandoned evidence uploads removed');
      })
      .catch((err: unknown) => logger.warn({ err }, 'abandoned upload sweep failed'));
  const timer = setInterval(run, Math.min(3600, options.abandonAfterS) * 1000);
  timer.unref();
  void run();
  return { stop: () => clearInterval(timer) };
}
