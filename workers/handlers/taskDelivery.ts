import { deliverTasks } from '../../server/delivery/deliverTask';
import type { JobHandler } from '../startWorkers';

/** Puts a task in front of its department: consoles, webhook, duty desk. */
export const handleTaskDelivery: JobHandler<'task.deliver'> = async ({ taskId, event }, ctx, job) => {
  await deliverTasks(ctx, [taskId], event, job.attemptsMade + 1, job.opts.attempts ?? 1);
};

/** A linkage's new tasks, together: one transaction marks them all delivered. */
export const handleTasksDelivery: JobHandler<'tasks.deliver'> = async ({ taskIds, event }, ctx, job) => {
  await deliverTasks(ctx, taskIds, event, job.attemptsMade + 1, job.opts.attempts ?? 1);
};
