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
  /** 第二十条: the protective measures the officer's own unit takes (the station with jurisdiction keeps protective_watch). */
  'protective_measures',
  /** 第九条(三), 第十九条: 警务督察大队 follows the case up and supervises it (督导、督办). */
  'supervision',
  /** 第九条(四): 警务保障室 releases relief funds for an injured officer. */
  'relief_funds',
  /** 第十二条, 第十四条: an application (not an alarm) in 维权办's queue: decide scope, answer within 3 working days. */
  'application_review',
] as const;
export const TaskKind = z.enum(TASK_KINDS);
export type TaskKind = z.infer<typeof TaskKind>;

/**
 * What each task asks for, in the words people read: the console's zh-CN labels and every SMS/IM
 * or webhook summary sent to a department, so no message shows a raw kind.
 */
export const TASK_KIND_NAMES: Readonly<Record<TaskKind, string>> = {
  register_case: '判定维权范围并登记',
  traffic_control: '现场交通管制',
  vehicle_forensics: '车辆及事故取证',
  evidence_preservation: '网络证据固定',
  content_takedown: '有害信息处置',
  green_channel: '受伤民警就医绿色通道',
  comfort: '慰问',
  investigation: '快速侦查',
  legal_guidance: '法制指导',
  protective_watch: '有管辖权单位保护措施（近亲属住址守护）',
  protective_measures: '民警所属单位保护措施',
  supervision: '督察跟进督办',
  relief_funds: '维权抚慰经费及慰问救济',
  application_review: '维权申请受理审查',
};

export const TASK_STATUSES = [
  'queued',
  'delivered',
  'acknowledged',
  'in_progress',
  'done',
  'failed',
  'escalated',
  /** No longer called for: the facts changed, or the incident ended as a false alarm or was cancelled. */
  'stood_down',
] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

/**
 * queued → delivered → acknowledged → in_progress → done, or failed / escalated. An escalated
 * task is still waiting for its acknowledgement, so it may escalate again or be acknowledged.
 */
export const TASK_TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  queued: ['delivered', 'acknowledged', 'escalated', 'failed', 'stood_down'],
  delivered: ['acknowledged', 'escalated', 'failed', 'stood_down'],
  escalated: ['escalated', 'acknowledged', 'failed', 'stood_down'],
  acknowledged: ['in_progress', 'done', 'failed', 'stood_down'],
  in_progress: ['in_progress', 'done', 'failed', 'stood_down'],
  done: [],
  failed: [],
  // Called for again when the facts change back: the same task is reopened, never a second one.
  stood_down: ['queued'],
};

/** Statuses in which a task is still open and a change of facts may stand it down. */
export const OPEN_TASK_STATUSES: ReadonlySet<TaskStatus> = new Set([
  'queued',
  'delivered',
  'escalated',
  'acknowledged',
  'in_progress',
]);

/** Statuses in which nobody has taken the task yet: the escalation ladder keeps climbing. */
export const UNACKNOWLEDGED: ReadonlySet<TaskStatus> = new Set(['queued', 'delivered', 'escalated']);

export function canMoveTask(from: TaskStatus, to: TaskStatus): boolean {
  return TASK_TRANSITIONS[from].includes(to);
}

/**
 * Whether a later version of a task shows it a step behind an earlier one: the later status
 * cannot be reached from the earlier through allowed moves. A client that missed versions in
 * between may see a jump forward; only a task it saw stood down may start over (be reopened).
 */
export function isTaskStepBack(from: TaskStatus, to: TaskStatus): boolean {
  const seen = new Set<TaskStatus>([from]);
  const next: TaskStatus[] = [from];
  for (let status = next.pop(); status !== undefined; status = next.pop()) {
    if (status === to) return false;
    // Reopening is a step back unless the client saw the task stood down first.
    const moves = status === 'stood_down' && from !== 'stood_down' ? [] : TASK_TRANSITIONS[status];
    for (const after of moves)
      if (!seen.has(after)) {
        seen.add(after);
        next.push(after);
      }
  }
  return true;
}

/** 第二十一条: how the offender should be handled, with the legal basis taken from the rule data. */
export const HANDLING_TRACKS = ['criminal', 'administrative'] as const;
export const HandlingTrack = z.enum(HANDLING_TRACKS);
export type HandlingTrack = z.infer<typeof HandlingTrack>;

export const HandlingSuggestion = z.object({
  track: HandlingTrack,
  basis: z.string().min(1).max(600),
  article: z.string().min(1).max(40),
  /** What in the facts chose the track (e.g. 民警受伤, 驾驶车辆冲撞), so a reader can check the choice. */
  grounds: z.array(z.string().max(100)).max(10).optional(),
  /** Set when a dispatcher or investigator corrected the linkage's suggestion: who and why. */
  correctedBy: z.string().max(200).optional(),
  reason: z.string().max(500).optional(),
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
  /** The latest progress note, outcome or failure reason (for a stood-down task, why). */
  note: z.string().nullable().optional(),
  /** The unit of the organisation tree the task is routed to (a 派出所, 刑侦大队…), when the rule routes it. */
  orgUnitId: z.string().nullable().optional(),
  orgUnitName: z.string().nullable().optional(),
});
export type DepartmentTask = z.infer<typeof DepartmentTask>;

/**
 * What happens when a task's acknowledgement deadline passes, one step per interval, like an
 * on-call escalation policy: tell the department again, then its head, then the supervisor on duty.
 */
export const TASK_ESCALATION_STEPS = ['notify_again', 'department_head', 'supervisor'] as const;
export const TaskEscalationStep = z.enum(TASK_ESCALATION_STEPS);
export type TaskEscalationStep = z.infer<typeof TaskEscalationStep>;
