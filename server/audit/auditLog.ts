import type { AuditOutcome } from '@shared/domain/audit';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema';
import { computeAuditHash, GENESIS_HASH } from './hashChain';

export interface AuditInput {
  actor: string;
  action: string;
  target?: string | null;
  outcome: AuditOutcome;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Key of the transaction-scoped advisory lock that makes appends take turns ("SHLAUDIT" in
 * ASCII). Only appendAudit may take it; any other use would stall every audited action.
 */
const AUDIT_CHAIN_LOCK_KEY = 0x53484c4155444954n;

/**
 * Appends one row to the hash chain. Given a transaction, the row joins it, so the audit
 * record commits or rolls back together with the change it describes; given the plain db,
 * it commits on its own.
 *
 * The chain lock is held until the surrounding transaction ends, so audited transactions
 * should append last and commit promptly: every other append waits for them.
 */
export async function appendAudit(
  executor: Kysely<DB>,
  entry: AuditInput,
): Promise<{ id: number; hash: string }> {
  if (executor.isTransaction) return appendInTransaction(executor, entry);
  return executor
    .transaction()
    .setIsolationLevel('read committed')
    .execute((trx) => appendInTransaction(trx, entry));
}

async function appendInTransaction(
  trx: Kysely<DB>,
  entry: AuditInput,
): Promise<{ id: number; hash: string }> {
  // Ids are drawn while the lock is held and the lock lasts until commit, so rows commit in
  // id order and the verifier can walk the chain by id.
  const locked = await sql<{ isolation: string }>`
    SELECT pg_advisory_xact_lock(${sql.lit(AUDIT_CHAIN_LOCK_KEY)}),
           current_setting('transaction_isolation') AS isolation`.execute(trx);
  const isolation = locked.rows[0]?.isolation;
  if (isolation !== 'read committed') {
    // A repeatable-read snapshot predates the lock, so it could miss the newest row and fork
    // the chain; refusing is better than silently writing a row that will never verify.
    throw new Error(`appendAudit needs a read committed transaction, not ${isolation ?? 'unknown'}`);
  }

  const last = await trx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;

  // Hash exactly what jsonb will give back: JSON.stringify drops undefined keys and turns
  // Dates into strings, so the object read later must be compared with that, not the input.
  const detailsJson = JSON.stringify(entry.details ?? {});
  const details: Record<string, unknown> = JSON.parse(detailsJson);
  // A JS Date has millisecond resolution and timestamptz keeps microseconds, so this value
  // comes back from the database unchanged and its ISO string recomputes the same hash.
  const at = new Date();
  const target = entry.target ?? null;
  const requestId = entry.requestId ?? null;
  const hash = computeAuditHash(prevHash, {
    at,
    actor: entry.actor,
    action: entry.action,
    target,
    outcome: entry.outcome,
    requestId,
    details,
  });

  const row = await trx
    .insertInto('audit_log')
    .values({
      at,
      actor: entry.actor,
      action: entry.action,
      target,
      outcome: entry.outcome,
      request_id: requestId,
      details: detailsJson,
      prev_hash: prevHash,
      hash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, hash };
}
