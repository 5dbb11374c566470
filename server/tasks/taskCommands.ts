import { canMoveTask, type DepartmentTask, type TaskStatus } from '@shared/domain/task';
import type { TaskTimelineKind, TimelineDetails } from '@shared/domain/timeline';
import type { Kysely, Updateable } from 'kysely';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/database';
import type { DB, DepartmentTasksTable } from '../db/schema';
import { errors } from '../http/errors';
import { changeIncident } from '../incidents/incidentCommands';
import type { OutboxJob } from '../jobs/jobCatalog';
import { appendOutbox } from '../outbox/outboxWriter';
import { type TaskRow, toTask } from './taskMapper';
import { taskRooms } from './taskRooms';

export interface TaskChange {
  /** Timeline kind and audit action suffix: task_acknowledged, task_escalated… */
  kind: TaskTimelineKind;
  status?: TaskStatus;
  set?: Updateable<DepartmentTasksTable>;
  details?: TimelineDetails;
  jobs?: OutboxJob[];
  /** Extra rooms for this one announcement (a supervisor's own room at the last escalation step). */
  extraRooms?: string[];
  /** Extra writes in the same transaction, after the task row (a handling revision). */
  also?: (trx: Kysely<DB>) => Promise<void>;
}

/** The task changed between the read and the lock: decide again on what is there now. */
class StaleTask extends Error {}

async function readTask(db: Kysely<DB>, taskId: string): Promise<TaskRow | undefined> {
  return db.selectFrom('department_tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
}

/**
 * The one path by which a task changes. It rides on changeIncident, so the task row, its
 * announcement, the incident's timeline entry and the audit row commit together, and changes
 * to one incident's tasks take turns under the incident lock. Returns null when `decide` saw
 * nothing to do (a late escalation, a repeated delivery).
 */
export async function changeTask(
  db: Database,
  principal: Principal,
  taskId: string,
  decide: (task: DepartmentTask) => TaskChange | null,
  requestId: string | null,
): Promise<DepartmentTask | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await readTask(db, taskId);
    if (!row) throw errors.notFound('task');
    const before = toTask(row);
    const change = decide(before);
    if (!change) return null;
    if (change.status && !canMoveTask(before.status, change.status))
      throw errors.conflict(`a ${before.status} task cannot become ${change.status}`);
    let after: DepartmentTask | null = null;
    try {
      await changeIncident(
        db,
        principal,
        before.incidentId,
        () => ({
          kind: change.kind,
          details: { taskId, departmentId: before.departmentId, task: before.kind, ...change.details },
          jobs: change.jobs,
          also: async (trx) => {
            const locked = await trx
              .selectFrom('department_tasks')
              .selectAll()
              .where('id', '=', taskId)
              .forUpdate()
              .executeTakeFirstOrThrow();
            if (locked.version !== row.version) throw new StaleTask();
            const updated = await trx
              .updateTable('department_tasks')
              .set({
                ...change.set,
                ...(change.status ? { status: change.status } : {}),
                updated_at: new Date(),
                version: row.version + 1,
              })
              .where('id', '=', taskId)
              .returningAll()
              .executeTakeFirstOrThrow();
            after = toTask(updated);
            await change.also?.(trx);
            await appendOutbox(trx, {
              topic: 'task',
              data: after,
              rooms: [...taskRooms(after), ...(change.extraRooms ?? [])],
            });
          },
        }),
        requestId,
      );
      return after;
    } catch (err) {
      if (!(err instanceof StaleTask)) throw err;
    }
  }
  throw errors.conflict('the task is changing too fast; try again');
}
