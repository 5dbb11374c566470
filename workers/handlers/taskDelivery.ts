import { deliverTask } from '../../server/delivery/deliverTask';
import type { JobHandler } from '../startWorkers';

/** Puts a new task in front of its department: consoles, webhook, duty desk. */
export const handleTaskDelivery: JobHandler<'task.deliver'> = async ({ taskId, event }, ctx, job) => {
  await deliverTask(ctx, taskId, event, job.attemptsMade + 1, job.opts.attempts ?? 1);
};
