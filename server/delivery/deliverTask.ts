import { type DepartmentTask, UNACKNOWLEDGED } from '@shared/domain/task';
import type { Database } from '../db/database';
import { incidentReferences } from '../incidents/incidentRepository';
import { appendOutboxAll } from '../outbox/outboxWriter';
import { departmentRoom } from '../realtime/rooms';
import { toTask } from '../tasks/taskMapper';
import { taskRooms } from '../tasks/taskRooms';
import { announceTask, type DeliveryDeps } from './announceTask';
import { reachedRecipients, recordAttempts } from './deliveryAttempts';
import { channelsOfDepartments, NO_CHANNELS } from './departmentChannels';

/**
 * queued → delivered for every task given that is still queued, announced to the departments'
 * consoles in every server process (outbox → socket.io rooms) with the attempts recorded, in one
 * transaction. Delivery is a channel event, not a decision: it is kept in delivery_attempts
 * rather than on the incident timeline, which records what people and the escalation ladder did.
 * Returns the tasks it delivered.
 */
async function markDelivered(
  db: Database,
  taskIds: readonly string[],
  event: string,
  attempt: number,
): Promise<DepartmentTask[]> {
  return db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('department_tasks')
      .select(['id', 'status'])
      .where('id', 'in', [...taskIds])
      .orderBy('id')
      .forUpdate()
      .execute();
    const queued = locked.filter((r) => r.status === 'queued').map((r) => r.id);
    if (!queued.length) return [];
    const now = new Date();
    const rows = await trx
      .updateTable('department_tasks')
      .set((eb) => ({
        status: 'delivered',
        delivered_at: now,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', 'in', queued)
      .returningAll()
      .execute();
    const tasks = rows.map(toTask);
    await recordAttempts(
      trx,
      tasks.map((task) => ({
        taskId: task.id,
        channel: 'console' as const,
        event,
        recipient: departmentRoom(task.departmentId),
        attempt,
        outcome: 'success' as const,
      })),
    );
    await appendOutboxAll(
      trx,
      tasks.map((task) => ({ topic: 'task' as const, data: task, rooms: taskRooms(task) })),
    );
    return tasks;
  });
}

/** Events a department hears even once it has taken the task (linkage re-plans, issue #11). */
const TOLD_ANYWAY: ReadonlySet<string> = new Set(['task.stood_down', 'task.revised']);

/**
 * Delivers tasks (a linkage's new tasks go as one job): to the departments' consoles, then each
 * department's webhook and duty desk. Running it again (a worker killed mid-job) finds the tasks
 * delivered and only completes what is missing. A message that failed fails the job after the
 * other tasks had their turn, so that the retry sends only what is still missing.
 */
export async function deliverTasks(
  deps: DeliveryDeps,
  taskIds: readonly string[],
  event: string,
  attempt: number,
  maxAttempts?: number,
): Promise<void> {
  const delivered = await markDelivered(deps.db, taskIds, event, attempt);
  const seen = new Set(delivered.map((t) => t.id));
  const rest = taskIds.filter((id) => !seen.has(id));
  const others = rest.length
    ? (await deps.db.selectFrom('department_tasks').selectAll().where('id', 'in', rest).execute()).map(toTask)
    : [];
  // Taken or closed already (acknowledged from the console before this ran): nobody needs telling,
  // except of a change the department must hear whatever it is doing: stood down, or revised.
  const toTell = [...delivered, ...others].filter(
    (t) => UNACKNOWLEDGED.has(t.status) || TOLD_ANYWAY.has(event),
  );
  if (!toTell.length) return;
  // What every announcement needs, read once for the batch rather than once per task.
  const [references, channels, reached] = await Promise.all([
    incidentReferences(
      deps.db,
      toTell.map((t) => t.incidentId),
    ),
    channelsOfDepartments(
      deps.db,
      toTell.map((t) => t.departmentId),
    ),
    reachedRecipients(
      deps.db,
      toTell.map((t) => t.id),
      'sms',
      event,
    ),
  ]);
  let failure: unknown = null;
  for (const task of toTell) {
    const ofDepartment = channels.get(task.departmentId) ?? NO_CHANNELS;
    const audience = {
      recipients: [ofDepartment.dutyContact ?? `duty:${task.departmentId}`],
      channels: ofDepartment,
      reference: references.get(task.incidentId) ?? task.incidentId,
      reached: reached.get(task.id),
    };
    try {
      await announceTask(deps, task, event, audience, attempt, maxAttempts);
    } catch (err) {
      failure ??= err;
    }
  }
  if (failure) throw failure;
}
