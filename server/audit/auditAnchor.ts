import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { logger } from '../observability/logger';

/** The chain's head as it was at `at`: the newest row's id and hash. */
export interface AuditAnchor {
  at: string;
  id: number;
  hash: string;
}

/**
 * The last anchor written to `file` (one JSON line per anchor), or null when there is none. A
 * torn last line (a crash mid-write) is skipped in favour of the one before it.
 */
export async function readLastAnchor(file: string): Promise<AuditAnchor | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const lines = text.split('\n').filter((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    try {
      const parsed: unknown = JSON.parse(lines[i] ?? '');
      if (
        parsed &&
        typeof parsed === 'object' &&
        'id' in parsed &&
        'hash' in parsed &&
        'at' in parsed &&
        typeof parsed.id === 'number' &&
        typeof parsed.hash === 'string' &&
        typeof parsed.at === 'string'
      )
        return { at: parsed.at, id: parsed.id, hash: parsed.hash };
    } catch {
      // a torn line: look at the one before
    }
  }
  return null;
}

/**
 * Writes the chain's current head to `file`, outside the database, so that whoever can rewrite
 * the table (its owner, a superuser) cannot also make the newest rows vanish unnoticed:
 * `audit:verify` requires the anchored row to be there with the anchored hash. Appends only,
 * and only when the head moved. Copy the file off the machine (log shipping, backup) to make
 * it out of reach of the same person.
 */
export async function anchorAuditHead(
  db: Kysely<DB>,
  file: string,
  now = new Date(),
): Promise<AuditAnchor | null> {
  const head = await db
    .selectFrom('audit_log')
    .select(['id', 'hash'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!head) return null;
  const last = await readLastAnchor(file);
  if (last && last.id === head.id && last.hash === head.hash) return last;
  const anchor: AuditAnchor = { at: now.toISOString(), id: Number(head.id), hash: head.hash };
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.appendFile(file, `${JSON.stringify(anchor)}\n`, { mode: 0o640 });
  return anchor;
}

export function startAuditAnchoring(db: Kysely<DB>, file: string, intervalS: number) {
  if (intervalS <= 0) return { stop: async () => undefined };
  const run = () =>
    anchorAuditHead(db, file).catch((err: unknown) => {
      logger.warn({ err, file }, 'audit chain head not anchored');
      return null;
    });
  const timer = setInterval(() => void run(), intervalS * 1000);
  timer.unref();
  return {
    /** Anchors once more on the way out, so a clean shutdown leaves the newest head on record. */
    async stop() {
      clearInterval(timer);
      await run();
    },
  };
}
