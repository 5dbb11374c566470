import type { DepartmentId } from '@shared/domain/department';
import { TASK_ESCALATION_STEPS, type TaskEscalationStep, UNACKNOWLEDGED } from '@shared/domain/task';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/database';
import { announceTask, type DeliveryDeps } from '../delivery/announceTask';
import { reachedRecipients } from '../delivery/deliveryAttempts';
import { type DepartmentChannels, departmentChannels } from '../delivery/departmentChannels';
import { incidentReferences } from '../incidents/incidentRepository';
import { jobs } from '../jobs/jobCatalog';
import { userRoom } from '../realtime/rooms';
import { changeTask } from './taskCommands';
import { findTask } from './taskRepository';

const SYSTEM: Principal = { kind: 'system', component: 'task-escalation' };

/** No duty roster exists yet, so "the supervisor on duty" is every active supervisor account. */
async function supervisors(db: Database): Promise<Array<{ id: string; username: string }>> {
  return db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('role', '=', 'supervisor')
    .where('disabled', '=', false)
    .execute();
}

async function audienceFor(
  db: Database,
  departmentId: DepartmentId,
  step: TaskEscalationStep,
): Promise<{ recipients: string[]; channels: DepartmentChannels }> {
  const channels = await departmentChannels(db, departmentId);
  if (step === 'notify_again')
    return { recipients: [channels.dutyContact ?? `duty:${departmentId}`], channels };
  if (step === 'department_head')
    return { recipients: [channels.headContact ?? `head:${departmentId}`], channels };
  return { recipients: (await supervisors(db)).map((s) => `user:${s.username}`), channels };
}

/**
 * Step `level` of the ladder for a task nobody acknowledged in time. Each step is on the
 * incident timeline and in the audit, and schedules the next; an acknowledgement (or a later
 * step that already ran) turns a late job into nothing.
 */

function escalationStep(level: number): TaskEscalationStep {
  const step = TASK_ESCALATION_STEPS[level - 1];
  if (!step) throw new Error(`no escalation step ${level}`);
  return step;
}

export async function escalateTask(
  deps: DeliveryDeps,
  taskId: string,
  level: number,
  attempt: number,
  maxAttempts?: number,
): Promise<void> {
  const step = escalationStep(level);
  const supervisorRooms =
    step === 'supervisor' ? (await supervisors(deps.db)).map((s) => userRoom(s.id)) : [];
  await changeTask(
    deps.db,
    SYSTEM,
    taskId,
    (task) =>
      !UNACKNOWLEDGED.has(task.status) || task.escalationLevel >= level
        ? null
        : {
            kind: 'task_escalated',
            status: 'escalated',
            set: { escalation_level: level },
            details: { level, step },
            extraRooms: supervisorRooms,
            jobs:
              level < TASK_ESCALATION_STEPS.length
                ? [jobs.escalate(taskId, level + 1, deps.config.TASK_ESCALATION_STEP_S * 1000)]
                : [],
          },
    null,
  );
  // Whether this run or a killed earlier one made the step, its messages go out once.
  const task = await findTask(deps.db, taskId);
  if (!task || !UNACKNOWLEDGED.has(task.status) || task.escalationLevel !== level) return;
  const event = `task.escalated.${level}`;
  // Independent reads: asked together, not one round trip after another.
  const [audience, references, reached] = await Promise.all([
    audienceFor(deps.db, task.departmentId, step),
    incidentReferences(deps.db, [task.incidentId]),
    reachedRecipients(deps.db, [task.id], 'sms', event),
  ]);
  const reference = references.get(task.incidentId) ?? task.incidentId;
  await announceTask(
    deps,
    task,
    event,
    { ...audience, reference, reached: reached.get(task.id) },
    attempt,
    maxAttempts,
  );
}
