import type { AlarmReason } from '@shared/domain/incident';
import type { StreamPayload, StreamTopic } from '@shared/events/streamEvent';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** A BullMQ job the relay enqueues once the change is committed. */
export interface OutboxJob {
  queue: string;
  name: string;
  data: Record<string, unknown>;
  /** Stable id (BullMQ forbids ":" in it): a relay that publishes the same row twice still yields one job. */
  jobId: string;
  delayMs?: number;
}

export interface OutboxEntry<T extends StreamTopic> {
  topic: T;
  data: StreamPayload<T>;
  rooms: string[];
  jobs?: OutboxJob[];
  /** Sound the distress alarm on every console when this goes out. */
  alarm?: AlarmReason;
}

/**
 * Must be called inside the transaction that makes the change, so the change and its
 * announcement commit together or not at all (transactional outbox).
 */
export async function appendOutbox<T extends StreamTopic>(
  trx: Kysely<DB>,
  entry: OutboxEntry<T>,
): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      topic: entry.topic,
      aggregate_id: entry.data.id,
      payload: JSON.stringify(entry.data),
      rooms: JSON.stringify([...new Set(entry.rooms)]),
      jobs: JSON.stringify(entry.jobs ?? []),
      alarm: entry.alarm ?? null,
    })
    .execute();
}
