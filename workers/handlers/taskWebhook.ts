import { sendTaskWebhook } from '../../server/delivery/sendWebhook';
import type { JobHandler } from '../startWorkers';

/** One signed POST to the department's own system; a failure throws, and BullMQ retries with backoff. */
export const handleTaskWebhook: JobHandler<'task.webhook'> = async ({ taskId, event }, ctx, job) => {
  await sendTaskWebhook(
    ctx.db,
    taskId,
    event,
    job.attemptsMade + 1,
    ctx.config.WEBHOOK_TIMEOUT_MS,
    job.opts.attempts ?? 1,
  );
};
