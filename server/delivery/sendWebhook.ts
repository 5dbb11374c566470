import { DEPARTMENT_NAMES } from '@shared/domain/department';
import { TASK_KIND_NAMES } from '@shared/domain/task';
import type { Database } from '../db/database';
import { findIncident } from '../incidents/incidentRepository';
import { findTask } from '../tasks/taskRepository';
import { reachedRecipients, recordAttempt, recordFinalFailure } from './deliveryAttempts';
import { departmentChannels } from './departmentChannels';
import { postWebhook } from './webhookSender';

export class WebhookFailed extends Error {}

/**
 * One attempt at a task's webhook, recorded whatever its outcome; when it was the last of
 * `maxAttempts`, the failure is recorded for the supervisor view too (nobody else would know). The body names the incident
 * and task but carries no personal data (no officers, relatives, descriptions).
 */
export async function sendTaskWebhook(
  db: Database,
  taskId: string,
  event: string,
  attempt: number,
  timeoutMs: number,
  maxAttempts: number,
): Promise<void> {
  const task = await findTask(db, taskId);
  if (!task) return;
  const { webhookUrl, webhookSecret } = await departmentChannels(db, task.departmentId);
  if (!webhookUrl || !webhookSecret) return;
  if ((await reachedRecipients(db, [taskId], 'webhook', event)).get(taskId)?.has(webhookUrl)) return;
  const incident = await findIncident(db, task.incidentId);
  const delivery = `${taskId}.${event}`;
  const body = JSON.stringify({
    event,
    delivery,
    department: { id: task.departmentId, name: DEPARTMENT_NAMES[task.departmentId] },
    task: { ...task, kindName: TASK_KIND_NAMES[task.kind] },
    incident: incident && {
      id: incident.id,
      reference: incident.reference,
      category: incident.category,
      priority: incident.priority,
      status: incident.status,
      occurredAt: incident.occurredAt,
      position: incident.position,
      address: incident.address,
      injured: incident.injured,
      vehicleInvolved: incident.vehicleInvolved,
      onRoad: incident.onRoad,
      ongoing: incident.ongoing,
      contentUrls: task.departmentId === 'cyber' ? incident.contentUrls : [],
    },
  });
  const result = await postWebhook(webhookUrl, webhookSecret, { event, delivery, body }, timeoutMs);
  await recordAttempt(db, {
    taskId,
    channel: 'webhook',
    event,
    recipient: webhookUrl,
    attempt,
    outcome: result.ok ? 'success' : 'failure',
    statusCode: result.statusCode,
    error: result.error,
    durationMs: result.durationMs,
  });
  if (!result.ok && attempt >= maxAttempts)
    await recordFinalFailure(db, {
      taskId,
      channel: 'webhook',
      event,
      recipient: webhookUrl,
      attempts: attempt,
      error: result.error,
    });
  if (!result.ok) throw new WebhookFailed(`webhook for ${task.departmentId} failed: ${result.error}`);
}
