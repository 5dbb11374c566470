import { z } from 'zod';
import { DepartmentId } from './department';
import { IsoDateTime, Uuid } from './ids';

export const TASK_KINDS = [
  'register_case',
  'traffic_control',
  'vehicle_forensics',
  'evidence_preservation',
  'content_takedown',
  'green_channel',
  'comfort',
  'investigation',
  'legal_guidance',
  'protective_watch',
] as const;
export const TaskKind = z.enum(TASK_KINDS);
export type TaskKind = z.infer<typeof TaskKind>;

export const TASK_STATUSES = [
  'queued',
  'delivered',
  'acknowledged',
  'in_progress',
  'done',
  'failed',
  'escalated',
] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const DepartmentTask = z.object({
  id: Uuid,
  incidentId: Uuid,
  departmentId: DepartmentId,
  kind: TaskKind,
  status: TaskStatus,
  /** The article of the measures that requires this task, e.g. 第十三条. */
  article: z.string(),
  ackDeadline: IsoDateTime,
  escalationLevel: z.number().int().min(0),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type DepartmentTask = z.infer<typeof DepartmentTask>;
