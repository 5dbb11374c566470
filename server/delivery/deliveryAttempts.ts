import {
  type DeliveryAttempt,
  DeliveryAttempt as DeliveryAttemptSchema,
  type DeliveryChannel,
} from '@shared/api/task';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

export interface AttemptInput {
  taskId: string;
  channel: DeliveryChannel;
  event: string;
  recipient: string;
  attempt: number;
  outcome: 'success' | 'failure';
  statusCode?: number | null;
  error?: string | null;
  durationMs?: number | null;
}

export async function recordAttempt(db: Kysely<DB>, input: AttemptInput): Promise<void> {
  await db
    .insertInto('delivery_attempts')
    .values({
      task_id: input.taskId,
      channel: input.channel,
      event: input.event,
      recipient: input.recipient,
      attempt: input.attempt,
      outcome: input.outcome,
      status_code: input.statusCode ?? null,
      error: input.error?.slice(0, 500) ?? null,
      duration_ms: input.durationMs ?? null,
      at: new Date(),
    })
    .execute();
}

/** Whether this announcement already reached this recipient: a retried job skips it. */
export async function hasSucceeded(
  db: Kysely<DB>,
  taskId: string,
  channel: DeliveryChannel,
  event: string,
  recipient: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('delivery_attempts')
    .select('id')
    .where('task_id', '=', taskId)
    .where('channel', '=', channel)
    .where('event', '=', event)
    .where('recipient', '=', recipient)
    .where('outcome', '=', 'success')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listAttempts(db: Kysely<DB>, taskId: string): Promise<DeliveryAttempt[]> {
  const rows = await db
    .selectFrom('delivery_attempts')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('id')
    .execute();
  return rows.map((r) =>
    DeliveryAttemptSchema.parse({
      id: r.id,
      taskId: r.task_id,
      channel: r.channel,
      event: r.event,
      recipient: r.recipient,
      attempt: r.attempt,
      outcome: r.outcome,
      statusCode: r.status_code,
      error: r.error,
      durationMs: r.duration_ms,
      at: new Date(r.at).toISOString(),
    }),
  );
}
