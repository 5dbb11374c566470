import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { computeAuditHash, GENESIS_HASH } from './hashChain';

/** When broken, checked counts the rows that verified before firstBroken. */
export type AuditChainReport =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBroken: { id: number; reason: string } };

export interface VerifyOptions {
  /** Rows read per query; the log is walked page by page so its size never matters. */
  pageSize?: number;
}

/**
 * Walks the whole log in id order. Appends commit in id order (see appendAudit), so reading
 * page by page outside a transaction still sees a prefix of the chain even while it grows.
 * Gaps between ids are expected (a rolled-back append still used up its id); only the
 * prev_hash links decide whether a row is missing.
 */
export async function verifyAuditChain(
  db: Kysely<DB>,
  options: VerifyOptions = {},
): Promise<AuditChainReport> {
  const pageSize = options.pageSize ?? 1000;
  let checked = 0;
  let previous: { id: number; hash: string } | undefined;

  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .$if(previous !== undefined, (qb) => qb.where('id', '>', previous?.id ?? 0))
      .orderBy('id')
      .limit(pageSize)
      .execute();

    for (const row of page) {
      const expectedPrev = previous?.hash ?? GENESIS_HASH;
      if (row.prev_hash !== expectedPrev) {
        const reason = previous
          ? `prev_hash does not match the hash of row ${previous.id}; a row before it was deleted or reordered`
          : 'prev_hash of the first row is not the genesis hash; earlier rows were deleted';
        return { ok: false, checked, firstBroken: { id: row.id, reason } };
      }
      const recomputed = computeAuditHash(row.prev_hash, {
        at: row.at,
        actor: row.actor,
        action: row.action,
        target: row.target,
        outcome: row.outcome,
        requestId: row.request_id,
        details: row.details,
      });
      if (row.hash !== recomputed) {
        return {
          ok: false,
          checked,
          firstBroken: {
            id: row.id,
            reason: 'stored hash does not match the row content; the row was edited',
          },
        };
      }
      checked += 1;
      previous = { id: row.id, hash: row.hash };
    }

    if (page.length < pageSize) return { ok: true, checked };
  }
}
