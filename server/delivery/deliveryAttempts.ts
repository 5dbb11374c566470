import {
  type DeliveryAttempt,
  DeliveryAttempt as DeliveryAttemptSchema,
  type DeliveryChannel,
} from '@shared/api/task';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { deliveryFailures } from '../observability/metrics';

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
  await recordAttempts(db, [input]);
}

/** Several attempts in one statement (a batch of tasks delivered to their consoles). */
export async function recordAttempts(db: Kysely<DB>, inputs: readonly AttemptInput[]): Promise<void> {
  if (!inputs.length) return;
  const at = new Date();
  await db
    .insertInto('delivery_attempts')
    .values(
      inputs.map((input) => ({
        task_id: input.taskId,
        channel: input.channel,
        event: input.event,
        recipient: input.recipient,
        attempt: input.attempt,
        outcome: input.outcome,
        status_code: input.statusCode ?? null,
        error: input.error?.slice(0, 500) ?? null,
        duration_ms: input.durationMs ?? null,
        at,
      })),
    )
    .execute();
}

/**
 * Who each task's announcement already reached on a channel, by task id: a retried (or re-run)
 * job skips them. One query for a batch of tasks.
 */
export async function reachedRecipients(
  db: Kysely<DB>,
  taskIds: readonly string[],
  channel: DeliveryChannel,
  event: string,
): Promise<Map<string, Set<string>>> {
  const reached = new Map<string, Set<string>>();
  if (!taskIds.length) return reached;
  const rows = await db
    .selectFrom('delivery_attempts')
    .select(['task_id', 'recipient'])
    .where('task_id', 'in', [...taskIds])
    .where('channel', '=', channel)
    .where('event', '=', event)
    .where('outcome', '=', 'success')
    .execute();
  for (const { task_id, recipient } of rows) {
    const set = reached.get(task_id) ?? new Set<string>();
    set.add(recipient);
    reached.set(task_id, set);
  }
  return reached;
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

/** Redacts a webhook URL to origin and path: its query string may carry the department's token. */
export function recipientLabel(channel: DeliveryChannel, recipient: string): string {
  if (channel !== 'webhook') return recipient;
  try {
    const url = new URL(recipient);
    return `${url.origin}${url.pathname}`;
  } catch {
    return 'webhook';
  }
}

/**
 * The last attempt at a delivery failed: nobody on that channel was reached. Recorded once per
 * (task, channel, event, recipient) for the supervisor view; a later manual retry that fails
 * again updates it.
 */
export async function recordFinalFailure(
  db: Kysely<DB>,
  input: {
    taskId: string;
    channel: DeliveryChannel;
    event: string;
    recipient: string;
    attempts: number;
    error: string | null;
  },
): Promise<void> {
  const values = {
    task_id: input.taskId,
    channel: input.channel,
    event: input.event,
    recipient: recipientLabel(input.channel, input.recipient),
    attempts: input.attempts,
    error: input.error?.slice(0, 500) ?? null,
    failed_at: new Date(),
  };
  await db
    .insertInto('delivery_failures')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['task_id', 'channel', 'event', 'recipient'])
        .doUpdateSet({ attempts: values.attempts, error: values.error, failed_at: values.failed_at }),
    )
    .execute();
  deliveryFailures.inc({ channel: input.channel });
}
