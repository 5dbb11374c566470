import { z } from 'zod';
import { DepartmentId } from '../domain/department';
import { IsoDateTime, Uuid } from '../domain/ids';
import { DepartmentTask, TaskStatus } from '../domain/task';

export const TaskListQuery = z.object({
  status: TaskStatus.optional(),
  /** Only for those who may read every department's tasks; staff always get their own. */
  departmentId: DepartmentId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TaskListQuery = z.input<typeof TaskListQuery>;

export const TaskList = z.object({ tasks: z.array(DepartmentTask) });
export type TaskList = z.infer<typeof TaskList>;

export const TaskProgressRequest = z.object({ note: z.string().trim().min(1).max(2000) });
export type TaskProgressRequest = z.infer<typeof TaskProgressRequest>;

export const TaskDoneRequest = z.object({ note: z.string().trim().max(2000).optional() });
export type TaskDoneRequest = z.infer<typeof TaskDoneRequest>;

export const TaskFailRequest = z.object({ reason: z.string().trim().min(1).max(2000) });
export type TaskFailRequest = z.infer<typeof TaskFailRequest>;

export const DELIVERY_CHANNELS = ['console', 'webhook', 'sms'] as const;
export const DeliveryChannel = z.enum(DELIVERY_CHANNELS);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;

export const DeliveryAttempt = z.object({
  id: z.number().int(),
  taskId: Uuid,
  channel: DeliveryChannel,
  /** What was announced: task.created, task.escalated.1 … */
  event: z.string(),
  recipient: z.string(),
  attempt: z.number().int().min(1),
  outcome: z.enum(['success', 'failure']),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  at: IsoDateTime,
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

export const DeliveryAttemptList = z.object({ attempts: z.array(DeliveryAttempt) });
export type DeliveryAttemptList = z.infer<typeof DeliveryAttemptList>;

/** A protective watch's addresses (第十一条(五)(八)): personal data, every read is audited. */
export const WatchAddresses = z.object({
  taskId: Uuid,
  addresses: z.array(z.object({ relation: z.string(), address: z.string() })),
});
export type WatchAddresses = z.infer<typeof WatchAddresses>;

/** How a department's own systems hear of its tasks. The secret is write-only. */
export const DepartmentDeliveryRequest = z.object({
  webhookUrl: z.url({ protocol: /^https?$/ }).nullable(),
  webhookSecret: z.string().min(16).max(200).optional(),
  /** SMS/IM address of the department's duty desk and of its head (escalation step 2). */
  dutyContact: z.string().trim().min(1).max(100).nullable().optional(),
  headContact: z.string().trim().min(1).max(100).nullable().optional(),
});
export type DepartmentDeliveryRequest = z.input<typeof DepartmentDeliveryRequest>;

export const DepartmentDelivery = z.object({
  departmentId: DepartmentId,
  webhookUrl: z.string().nullable(),
  hasWebhookSecret: z.boolean(),
  dutyContact: z.string().nullable(),
  headContact: z.string().nullable(),
});
export type DepartmentDelivery = z.infer<typeof DepartmentDelivery>;
