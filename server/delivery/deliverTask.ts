import { type DepartmentTask, UNACKNOWLEDGED } from '@shared/domain/task';
import type { Database } from '../db/database';
import { appendOutbox } from '../outbox/outboxWriter';
import { departmentRoom } from '../realtime/rooms';
import { toTask } from '../tasks/taskMapper';
import { findTask } from '../tasks/taskRepository';
import { taskRooms } from '../tasks/taskRooms';
import { announceTask, type DeliveryDeps } from './announceTask';
import { recordAttempt } from './deliveryAttempts';
import { departmentChannels } from './departmentChannels';

/**
 * queued → delivered, announced to the department's consoles in every server process (outbox →
 * socket.io rooms) with the attempt recorded, in one transaction. Delivery is a channel event,
 * not a decision: it is kept in delivery_attempts rather than on the incident timeline, which
 * records what people and the escalation ladder did.
 */
/** The task as delivered, or null when it was no longer queued (delivered before, taken, gone). */
async function markDelivered(
  db: Database,
  taskId: string,
  event: string,
  attempt: number,
): Promise<DepartmentTask | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('department_tasks')
      .selectAll()
      .where('id', '=', taskId)
      .forUpdate()
      .executeTakeFirst();
    if (row?.status !== 'queued') return null;
    const now = new Date();
    const updated = await trx
      .updateTable('department_tasks')
      .set({ status: 'delivered', delivered_at: now, updated_at: now, version: row.version + 1 })
      .where('id', '=', taskId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const task = toTask(updated);
    await recordAttempt(trx, {
      taskId,
      channel: 'console',
      event,
      recipient: departmentRoom(task.departmentId),
      attempt,
      outcome: 'success',
    });
    await appendOutbox(trx, { topic: 'task', data: task, rooms: taskRooms(task) });
    return task;
  });
}

/** Events a department hears even once it has taken the task (linkage re-plans, issue #11). */
const TOLD_ANYWAY: ReadonlySet<string> = new Set(['task.stood_down', 'task.revised']);

/**
 * Delivers a new task: to the department's consoles, then its webhook and duty desk. Running it
 * again (a worker killed mid-job) finds the task delivered and only completes what is missing.
 */
export async function deliverTask(
  deps: DeliveryDeps,
  taskId: string,
  event: string,
  attempt: number,
  maxAttempts?: number,
): Promise<DepartmentTask | null> {
  const task = (await markDelivered(deps.db, taskId, event, attempt)) ?? (await findTask(deps.db, taskId));
  if (!task) return null;
  // Taken or closed already (acknowledged from the console before this ran): nobody needs telling,
  // except of a change the department must hear whatever it is doing: stood down, or revised.
  if (!UNACKNOWLEDGED.has(task.status) && !TOLD_ANYWAY.has(event)) return task;
  const channels = await departmentChannels(deps.db, task.departmentId);
  const recipients = [channels.dutyContact ?? `duty:${task.departmentId}`];
  await announceTask(deps, task, event, { recipients, channels }, attempt, maxAttempts);
  return task;
}
