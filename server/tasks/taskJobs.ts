import type { TaskEscalationStep } from '@shared/domain/task';
import { TASK_ESCALATION_STEPS } from '@shared/domain/task';
import { outboxJob } from '../../workers/enqueue';

/** Announces a task on every channel of its department; the id makes a replayed outbox row harmless. */
export function deliverJob(taskId: string, event = 'task.created') {
  return outboxJob('task.deliver', { taskId, event }, `deliver-${taskId}-${event}`);
}

/** Escalation step `level` (1-based), due `delayMs` from now. */
export function escalateJob(taskId: string, level: number, delayMs: number) {
  return outboxJob('task.escalate', { taskId, level }, `escalate-${taskId}-${level}`, delayMs);
}

export function escalationStep(level: number): TaskEscalationStep {
  const step = TASK_ESCALATION_STEPS[level - 1];
  if (!step) throw new Error(`no escalation step ${level}`);
  return step;
}

export function evidenceJob(incidentId: string, captureId: string) {
  return outboxJob('evidence.capture', { incidentId, captureId }, `evidence-${captureId}`);
}
