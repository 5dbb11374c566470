import { z } from 'zod';
import { DepartmentId } from '../domain/department';

/** The outbox as consoles and supervisors see it: what has not gone out, and for how long. */
export const OutboxHealth = z.object({
  pending: z.number().int().min(0),
  oldestPendingS: z.number().int().min(0),
  deadLettered: z.number().int().min(0),
});
export type OutboxHealth = z.infer<typeof OutboxHealth>;

/** An outbox row the relay gave up on after bounded attempts: its event or its jobs never went out. */
export const DeadLetter = z.object({
  id: z.number().int(),
  topic: z.string(),
  aggregateId: z.uuid(),
  /** Whether consoles got the event (then only the jobs are missing). */
  eventPublished: z.boolean(),
  jobs: z.array(z.string()),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  deadLetteredAt: z.iso.datetime({ offset: true }),
});
export type DeadLetter = z.infer<typeof DeadLetter>;

/** A department delivery whose last attempt failed: the department was not reached on that channel. */
export const FailedDelivery = z.object({
  id: z.number().int(),
  taskId: z.uuid(),
  incidentId: z.uuid(),
  incidentReference: z.string(),
  departmentId: DepartmentId,
  channel: z.enum(['webhook', 'sms']),
  event: z.string(),
  /** The webhook's origin and path (no query, which may carry a token), or the SMS/IM address. */
  recipient: z.string(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  failedAt: z.iso.datetime({ offset: true }),
});
export type FailedDelivery = z.infer<typeof FailedDelivery>;

export const DeliveryProblems = z.object({
  outbox: OutboxHealth,
  deadLetters: z.array(DeadLetter),
  failedDeliveries: z.array(FailedDelivery),
});
export type DeliveryProblems = z.infer<typeof DeliveryProblems>;
