import { SERIOUS_REASON_ARTICLES, type SeriousReason } from '@shared/domain/committee';
import type { Kysely } from 'kysely';
import { appendCaseEvent } from '../cases/caseRepository';
import type { DB } from '../db/schema';
import { jobs } from '../jobs/jobCatalog';
import { appendOutboxJobs } from '../outbox/outboxWriter';
import { insertNotice } from './caseNotices';

/**
 * Puts a case before the committee (第七条: it 督办 serious cases) when it first becomes serious,
 * inside the caller's transaction: the reasons are kept on the case, the timeline says so, and
 * one notice goes to the committee through the workers. Later reasons are added to the case
 * without a second notice: the committee is told of a case once.
 */
export async function putBeforeCommittee(
  trx: Kysely<DB>,
  caseId: string,
  reasons: readonly SeriousReason[],
  actor: { id: string; name: string | null },
  now = new Date(),
): Promise<boolean> {
  if (!reasons.length) return false;
  const row = await trx
    .selectFrom('cases')
    .select(['serious_reasons'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const had = row.serious_reasons ?? [];
  const merged = [...new Set([...had, ...reasons])];
  if (merged.length === had.length) return false;
  await trx
    .updateTable('cases')
    .set({
      serious_reasons: JSON.stringify(merged),
      ...(had.length ? {} : { serious_since: now }),
    })
    .where('id', '=', caseId)
    .execute();
  const added = merged.filter((r) => !had.includes(r));
  const details = {
    reasons: added,
    articles: added.map((r) => SERIOUS_REASON_ARTICLES[r as SeriousReason]),
    policy: 'local',
  };
  const noticeId = await insertNotice(
    trx,
    { caseId, kind: 'serious', key: `serious-${caseId}`, audience: ['committee'], details },
    now,
  );
  if (!noticeId) {
    await appendCaseEvent(trx, caseId, actor, 'put_before_committee', { ...details, notified: false }, now);
    return false;
  }
  await appendCaseEvent(trx, caseId, actor, 'put_before_committee', { ...details, notified: true }, now);
  await appendOutboxJobs(trx, caseId, [jobs.caseNotice(noticeId)]);
  return true;
}
