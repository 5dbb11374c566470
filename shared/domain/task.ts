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

/**
 * queued → delivered → acknowledged → in_progress → done, or failed / escalated. An escalated
 * task is still waiting for its acknowledgement, so it may escalate again or be acknowledged.
 */
export const TASK_TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  queued: ['delivered', 'acknowledged', 'escalated', 'failed'],
  delivered: ['acknowledged', 'escalated', 'failed'],
  escalated: ['escalated', 'acknowledged', 'failed'],
  acknowledged: ['in_progress', 'done', 'failed'],
  in_progress: ['in_progress', 'done', 'failed'],
  done: [],
  failed: [],
};

/** Statuses in which nobody has taken the task yet: the escalation ladder keeps climbing. */
export const UNACKNOWLEDGED: ReadonlySet<TaskStatus> = new Set(['queued', 'delivered', 'escalated']);

export function canMoveTask(from: TaskStatus, to: TaskStatus): boolean {
  return TASK_TRANSITIONS[from].includes(to);
}

/** 第二十一条: how the offender should be handled, with the legal basis taken from the rule data. */
export const HandlingSuggestion = z.object({
  track: z.enum(['criminal', 'administrative']),
  basis: z.string().min(1).max(300),
  article: z.string().min(1).max(40),
});
export type HandlingSuggestion = z.infer<typeof HandlingSuggestion>;

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
  /** The linkage rule (and its rule-set version) that created the task. */
  ruleId: z.string().optional(),
  ruleVersion: z.number().int().min(0).optional(),
  handling: HandlingSuggestion.optional(),
  /** Details (a protective watch's addresses) readable only by the department and supervisors. */
  restricted: z.boolean().optional(),
  /** The latest progress note, outcome or failure reason. */
  note: z.string().nullable().optional(),
});
export type DepartmentTask = z.infer<typeof DepartmentTask>;

/**
 * What happens when a task's acknowledgement deadline passes, one step per interval, like an
 * on-call escalation policy: tell the department again, then its head, then the supervisor on duty.
 */
export const TASK_ESCALATION_STEPS = ['notify_again', 'department_head', 'supervisor'] as const;
export const TaskEscalationStep = z.enum(TASK_ESCALATION_STEPS);
export type TaskEscalationStep = z.infer<typeof TaskEscalationStep>;
