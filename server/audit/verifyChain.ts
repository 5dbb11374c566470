import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { AuditAnchor } from './auditAnchor';
import { computeAuditHash, GENESIS_HASH } from './hashChain';

/**
 * When broken, checked counts the rows that verified before firstBroken. An empty log is not
 * reported as intact: there is nothing to vouch for, and after TRUNCATE (now refused by a
 * trigger) or a restore it is exactly what tampering looks like. A chain that verifies link by
 * link but ends before the last anchored head lost its newest rows.
 */
export type AuditChainReport =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBroken: { id: number; reason: string } }
  | { ok: false; checked: 0; empty: true; anchor: AuditAnchor | null }
  | { ok: false; checked: number; shorterThanAnchor: AuditAnchor & { lastId: number | null } };

export interface VerifyOptions {
  /** Rows read per query; the log is walked page by page so its size never matters. */
  pageSize?: number;
  /** The last head anchored outside the database (auditAnchor.ts): that row must be there, with that hash. */
  anchor?: AuditAnchor | null;
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
  const { anchor } = options;
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
      if (anchor && Number(row.id) === anchor.id && row.hash !== anchor.hash) {
        return {
          ok: false,
          checked,
          firstBroken: {
            id: row.id,
            reason: `hash differs from the one anchored at ${anchor.at}; the chain was rewritten up to here`,
          },
        };
      }
      checked += 1;
      previous = { id: row.id, hash: row.hash };
    }

    if (page.length < pageSize) break;
  }
  if (checked === 0) return { ok: false, checked: 0, empty: true, anchor: anchor ?? null };
  if (anchor && (previous?.id ?? 0) < anchor.id) {
    return { ok: false, checked, shorterThanAnchor: { ...anchor, lastId: previous?.id ?? null } };
  }
  return { ok: true, checked };
}
