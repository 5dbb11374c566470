import { fallbackAssignment, notifyAssignment } from '../../server/push/assignmentNotices';
import type { JobHandler } from '../startWorkers';

/** Reaching a phone besides the socket (issue #6): Web Push at once, SMS/IM when still unanswered. */
export const handleAssignmentNotify: JobHandler<'assignment.notify'> = async ({ assignmentId }, ctx) =>
  notifyAssignment(ctx, assignmentId);

export const handleAssignmentFallback: JobHandler<'assignment.fallback'> = async ({ assignmentId }, ctx) =>
  fallbackAssignment(ctx, assignmentId);
