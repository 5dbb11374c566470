import type { DepartmentTask } from '@shared/domain/task';
import type { Config } from '../config/env';
import type { Database } from '../db/database';
import { enqueueJob, jobs } from '../jobs/jobCatalog';
import type { Queues } from '../queues/queueRegistry';
import { recordAttempt, recordFinalFailure } from './deliveryAttempts';
import type { DepartmentChannels } from './departmentChannels';
import { messageGateway } from './messageGateway';
import { taskMessageText } from './taskMessageText';

export interface DeliveryDeps {
  db: Database;
  queues: Queues;
  config: Config;
}

/**
 * Webhooks get a job of their own, with their own attempts and backoff: a department system
 * that is down for an hour is retried for an hour without holding up SMS or the console.
 * The job id makes a second enqueue of the same announcement a no-op.
 */
export async function enqueueWebhook(deps: DeliveryDeps, taskId: string, event: string): Promise<void> {
  await enqueueJob(
    deps.queues,
    jobs.webhook(taskId, event, {
      attempts: deps.config.WEBHOOK_ATTEMPTS,
      backoffMs: deps.config.WEBHOOK_BACKOFF_MS,
    }),
  );
}

/**
 * Tells a department's own systems and people about a task: queues the signed webhook when the
 * department has one, and sends an SMS/IM to each recipient not yet reached for this event.
 * Throws when a message failed, so the job retries; recipients already reached are skipped.
 */
export async function announceTask(
  deps: DeliveryDeps,
  task: DepartmentTask,
  event: string,
  /**
   * Who to message, the department's channels the caller read to choose them (its webhook), the
   * incident's reference for the text, and who this announcement already reached
   * (`reachedRecipients`), whom a retry skips.
   */
  audience: {
    recipients: string[];
    channels: DepartmentChannels;
    reference: string;
    reached: ReadonlySet<string> | undefined;
  },
  attempt: number,
  /** The job's last attempt: a recipient still not reached then is recorded for the supervisor view. */
  maxAttempts = Number.POSITIVE_INFINITY,
): Promise<void> {
  const { recipients, channels } = audience;
  if (channels.webhookUrl && channels.webhookSecret) await enqueueWebhook(deps, task.id, event);
  const gateway = messageGateway(deps.config);
  const text = taskMessageText(task, audience.reference, event);
  let failure: unknown = null;
  for (const to of recipients) {
    if (audience.reached?.has(to)) continue;
    const started = performance.now();
    try {
      await gateway.send({ to, text, taskId: task.id, event });
      await recordAttempt(deps.db, {
        taskId: task.id,
        channel: 'sms',
        event,
        recipient: to,
        attempt,
        outcome: 'success',
        durationMs: Math.round(performance.now() - started),
      });
    } catch (err) {
      failure = err;
      const error = err instanceof Error ? err.message : String(err);
      await recordAttempt(deps.db, {
        taskId: task.id,
        channel: 'sms',
        event,
        recipient: to,
        attempt,
        outcome: 'failure',
        error,
        durationMs: Math.round(performance.now() - started),
      });
      if (attempt >= maxAttempts)
        await recordFinalFailure(deps.db, {
          taskId: task.id,
          channel: 'sms',
          event,
          recipient: to,
          attempts: attempt,
          error,
        });
    }
  }
  if (failure) throw failure;
}
