import type { DepartmentTask } from '@shared/domain/task';
import { assertDepartment } from '../auth/permissions';
import { actorOf, type Principal } from '../auth/principal';
import type { Database } from '../db/database';
import { errors } from '../http/errors';
import { changeTask } from './taskCommands';
import { findTask } from './taskRepository';

/** 404 for a task that does not exist, 403 for another department's. */
export async function taskFor(db: Database, principal: Principal, taskId: string): Promise<DepartmentTask> {
  const task = await findTask(db, taskId);
  if (!task) throw errors.notFound('task');
  assertDepartment(principal, task.departmentId);
  return task;
}

/** The department takes the task; this also stops its escalation ladder. */
export async function acknowledgeTask(db: Database, principal: Principal, taskId: string, requestId: string) {
  await taskFor(db, principal, taskId);
  return changeTask(
    db,
    principal,
    taskId,
    (task) => {
      if (task.status === 'acknowledged') throw errors.conflict('already acknowledged');
      return {
        kind: 'task_acknowledged',
        status: 'acknowledged',
        set: { acknowledged_at: new Date(), acknowledged_by: actorOf(principal) },
      };
    },
    requestId,
  );
}

export async function progressTask(
  db: Database,
  principal: Principal,
  taskId: string,
  note: string,
  requestId: string,
) {
  await taskFor(db, principal, taskId);
  return changeTask(
    db,
    principal,
    taskId,
    () => ({ kind: 'task_progress', status: 'in_progress', set: { note }, details: { note } }),
    requestId,
  );
}

export async function finishTask(
  db: Database,
  principal: Principal,
  taskId: string,
  outcome: 'done' | 'failed',
  note: string | undefined,
  requestId: string,
) {
  await taskFor(db, principal, taskId);
  return changeTask(
    db,
    principal,
    taskId,
    (task) => ({
      kind: outcome === 'done' ? 'task_done' : 'task_failed',
      status: outcome,
      set: { completed_at: new Date(), note: note ?? task.note ?? null },
      details: note ? { note } : {},
    }),
    requestId,
  );
}
