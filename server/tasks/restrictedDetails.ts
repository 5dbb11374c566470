import { WatchAddresses } from '@shared/api/task';
import { appendAudit } from '../audit/auditLog';
import { can } from '../auth/permissions';
import { actorOf, type Principal } from '../auth/principal';
import type { Database } from '../db/database';
import { errors } from '../http/errors';
import { findTask } from './taskRepository';

/**
 * A protective watch's addresses are for the station that keeps the watch and for supervisors
 * (personal_data:read), not for every console that can see the task. Every read, allowed or
 * refused, is in the audit.
 */
export async function readWatchAddresses(
  db: Database,
  principal: Principal,
  taskId: string,
  requestId: string,
): Promise<WatchAddresses> {
  const task = await findTask(db, taskId);
  if (!task) throw errors.notFound('task');
  const ownStation =
    principal.kind === 'user' &&
    principal.user.role === 'department_staff' &&
    principal.user.departmentId === task.departmentId;
  const allowed = task.restricted === true && (ownStation || can(principal, 'personal_data:read'));
  await appendAudit(db, {
    actor: actorOf(principal),
    action: 'task.watch_addresses.read',
    target: `task:${taskId}`,
    outcome: allowed ? 'success' : 'denied',
    requestId,
  });
  if (!task.restricted) throw errors.notFound('restricted details');
  if (!allowed)
    throw errors.forbidden('only the station keeping the watch and supervisors may read these addresses');
  const row = await db
    .selectFrom('task_restricted_details')
    .select('details')
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  const addresses = WatchAddresses.shape.addresses.safeParse(row?.details.addresses);
  return { taskId, addresses: addresses.success ? addresses.data : [] };
}
