import type { AlarmReason } from '@shared/domain/incident';
import type { StreamPayload, StreamTopic } from '@shared/events/streamEvent';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema';
import { jobs as jobBuilders, type OutboxJob } from '../jobs/jobCatalog';

/** A BullMQ job the relay enqueues once the change is committed (built by `jobs` in the catalogue). */
export type { OutboxJob };

export interface OutboxEntry<T extends StreamTopic> {
  topic: T;
  data: StreamPayload<T>;
  rooms: string[];
  jobs?: OutboxJob[];
  /** Sound the distress alarm on every console when this goes out. */
  alarm?: AlarmReason;
}

const WARNING_TOPICS: ReadonlySet<StreamTopic> = new Set(['incident', 'assignment', 'task']);

/** Postgres delivers a NOTIFY at commit (and drops it on rollback): the relay's wake-up call. */
export const OUTBOX_CHANNEL = 'shieldline_outbox';

/**
 * Must be called inside the transaction that makes the change, so the change and its
 * announcement commit together or not at all (transactional outbox).
 */
export async function appendOutbox<T extends StreamTopic>(
  trx: Kysely<DB>,
  entry: OutboxEntry<T>,
): Promise<void> {
  await appendOutboxAll(trx, [entry]);
}

/** Several rows in one statement, in the order given (a batch of tasks delivered together). */
export async function appendOutboxAll<T extends StreamTopic>(
  trx: Kysely<DB>,
  entries: ReadonlyArray<OutboxEntry<T>>,
): Promise<void> {
  if (!entries.length) return;
  await trx
    .insertInto('outbox')
    .values(
      entries.map((entry) => {
        // Every change to an incident, assignment or task may start or end a warning (第三十五条).
        const evaluate =
          WARNING_TOPICS.has(entry.topic) && firstToEvaluate(trx)
            ? [jobBuilders.warningsEvaluate(entry.topic)]
            : [];
        return {
          topic: entry.topic,
          aggregate_id: entry.data.id,
          payload: JSON.stringify(entry.data),
          rooms: JSON.stringify([...new Set(entry.rooms)]),
          jobs: JSON.stringify([...(entry.jobs ?? []), ...evaluate]),
          alarm: entry.alarm ?? null,
        };
      }),
    )
    .execute();
  await notifyRelay(trx);
}

/** Transactions that already carry a warning evaluation. */
const evaluating = new WeakSet<Kysely<DB>>();

/**
 * One evaluation per transaction, not per row: it looks at everything once the transaction has
 * committed, so a linkage that writes nine tasks needs one, not ten (each a job to enqueue and
 * run, if only to find it was answered already).
 */
function firstToEvaluate(trx: Kysely<DB>): boolean {
  if (!trx.isTransaction) return true;
  if (evaluating.has(trx)) return false;
  evaluating.add(trx);
  return true;
}

/** Transactions that have already asked for the relay (a NOTIFY is delivered once per commit anyway). */
const notified = new WeakSet<Kysely<DB>>();

/** Wakes the relay at commit; nobody has to remember to kick it. */
async function notifyRelay(trx: Kysely<DB>): Promise<void> {
  if (trx.isTransaction) {
    if (notified.has(trx)) return;
    notified.add(trx);
  }
  await sql`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`.execute(trx);
}

/**
 * Jobs without an event (a change to a confidential record, such as a case, that no console
 * streams): the row is born published with no sequence number, so the relay's jobs loop enqueues
 * its jobs after the commit and no stream ever carries it.
 */
export async function appendOutboxJobs(
  trx: Kysely<DB>,
  aggregateId: string,
  jobs: OutboxJob[],
): Promise<void> {
  if (!jobs.length) return;
  await trx
    .insertInto('outbox')
    .values({
      topic: 'jobs',
      aggregate_id: aggregateId,
      payload: JSON.stringify({ id: aggregateId }),
      rooms: JSON.stringify([]),
      jobs: JSON.stringify(jobs),
      alarm: null,
      published_at: new Date(),
    })
    .execute();
  await notifyRelay(trx);
}
