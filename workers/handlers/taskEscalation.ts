import { escalateTask } from '../../server/tasks/escalateTask';
import type { JobHandler } from '../startWorkers';

/** A task's acknowledgement deadline (or the previous step's interval) passed: take the next step. */
export const handleTaskEscalation: JobHandler<'task.escalate'> = async ({ taskId, level }, ctx, job) => {
  await escalateTask(ctx, taskId, level, job.attemptsMade + 1, job.opts.attempts ?? 1);
};
