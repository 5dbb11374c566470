import type { TaskEscalationStep } from '@shared/domain/task';
import { TASK_ESCALATION_STEPS } from '@shared/domain/task';
import { outboxJob } from '../../workers/enqueue';

/** Announces a task on every channel of its department; the id makes a replayed outbox row harmless. */
export function deliverJob(taskId: string, event = 'task.created', round?: number) {
  const id = round ? `deliver-${taskId}-${event}-r${round}` : `deliver-${taskId}-${event}`;
  return outboxJob('task.deliver', { taskId, event }, id);
}

/**
 * Escalation step `level` (1-based), due `delayMs` from now. `round` tells apart the ladder of a
 * task reopened after it was stood down, so its first step is not taken for the old one's.
 */
export function escalateJob(taskId: string, level: number, delayMs: number, round = 0) {
  const id = round ? `escalate-${taskId}-${level}-r${round}` : `escalate-${taskId}-${level}`;
  return outboxJob('task.escalate', { taskId, level }, id, delayMs);
}

export function escalationStep(level: number): TaskEscalationStep {
  const step = TASK_ESCALATION_STEPS[level - 1];
  if (!step) throw new Error(`no escalation step ${level}`);
  return step;
}

export function evidenceJob(incidentId: string, captureId: string) {
  return outboxJob('evidence.capture', { incidentId, captureId }, `evidence-${captureId}`);
}
