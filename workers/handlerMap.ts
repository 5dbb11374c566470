import { handleAssignmentFallback, handleAssignmentNotify } from './handlers/assignmentNotices';
import { handleCaseNotice, handleCaseReminder } from './handlers/caseNotices';
import { handleCheckin } from './handlers/checkinTimer';
import { handleClearingDaily } from './handlers/clearingDaily';
import { handleEvidenceCapture } from './handlers/evidenceCapture';
import { handleLinkage } from './handlers/linkage';
import { handleOutboxPrune } from './handlers/outboxPrune';
import { handleTaskDelivery, handleTasksDelivery } from './handlers/taskDelivery';
import { handleTaskEscalation } from './handlers/taskEscalation';
import { handleTaskWebhook } from './handlers/taskWebhook';
import { handleUnacked } from './handlers/unackedEscalation';
import { handleWarningsEvaluate } from './handlers/warnings';
import type { HandlerMap } from './startWorkers';

/** Every job's handler; a job added to the catalogue without one here fails to compile. */
export const HANDLERS: HandlerMap = {
  'incident.linkage': handleLinkage,
  'incident.unacked': handleUnacked,
  'incident.checkin': handleCheckin,
  'task.deliver': handleTaskDelivery,
  'tasks.deliver': handleTasksDelivery,
  'task.webhook': handleTaskWebhook,
  'task.escalate': handleTaskEscalation,
  'evidence.capture': handleEvidenceCapture,
  'assignment.notify': handleAssignmentNotify,
  'assignment.fallback': handleAssignmentFallback,
  'warnings.evaluate': handleWarningsEvaluate,
  'clearing.daily': handleClearingDaily,
  'outbox.prune': handleOutboxPrune,
  'case.notice': handleCaseNotice,
  'case.reminder': handleCaseReminder,
};
