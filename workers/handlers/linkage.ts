import { runLinkage } from '../../server/linkage/fanOut';
import type { JobHandler } from '../startWorkers';

/**
 * Fans an incident out to the departments the linkage rules name (第九条, 第十三条, 第十九条).
 * Safe to run again: tasks are unique per (incident, department, kind).
 */
export const handleLinkage: JobHandler<'incident.linkage'> = async ({ incidentId }, ctx) => {
  await runLinkage(ctx.db, incidentId, ctx.config.TASK_ACK_DEADLINE_CAP_S);
};
