import { z } from 'zod';
import type { AssignmentAction } from './assignment';
import type { UnackedStep } from './incident';

/**
 * Every kind of entry an incident's timeline (and the audit action `incident.<kind>`) may hold.
 * The server writes only these; the console labels each in both languages, so a kind added here
 * without a label, or written on the server without being added here, fails the typecheck.
 */
export const TIMELINE_KINDS = [
  'raised',
  'acknowledged',
  'dispatched',
  'reassigned',
  // unit_${AssignmentAction}: a unit's answer to its assignment.
  'unit_accept',
  'unit_en_route',
  'unit_on_scene',
  'unit_clear',
  'unit_decline',
  /** The arrival detector saw the unit near the scene; the unit still confirms its arrival. */
  'unit_near_scene',
  'units_recalled',
  'units_released',
  'assignment_sms_fallback',
  'note',
  'checkin',
  'checkin_missed',
  // unacked_${UnackedStep}: the unacknowledged-alert ladder.
  'unacked_re_alarm',
  'unacked_notify_supervisor',
  'unacked_page_nearest_units',
  'sos_cancelled',
  'category_refined',
  'facts_updated',
  'linkage',
  'handling_corrected',
  'task_acknowledged',
  'task_progress',
  'task_done',
  'task_failed',
  'task_escalated',
  'evidence_captured',
  'evidence_manual_capture',
  'controlled',
  'outcome',
  'closed',
] as const;
export const TimelineKind = z.enum(TIMELINE_KINDS);
export type TimelineKind = z.infer<typeof TimelineKind>;

/** The kinds a task change writes on its incident's timeline. */
export type TaskTimelineKind = Extract<TimelineKind, `task_${string}` | 'handling_corrected'>;

// The templated kinds are spelled out above; these fail to compile if an action or step is added
// to its enum without its timeline kind.
type Covers<K extends TimelineKind> = K;
export type UnitActionKind = Covers<`unit_${AssignmentAction}`>;
export type UnackedKind = Covers<`unacked_${UnackedStep}`>;

export function unitActionKind(action: AssignmentAction): UnitActionKind {
  return `unit_${action}`;
}

export function unackedKind(step: UnackedStep): UnackedKind {
  return `unacked_${step}`;
}

/** Why the linkage re-planned an incident's tasks (the `reason` of a `linkage` entry). */
export const LINKAGE_REASONS = [
  'initial',
  'facts_changed',
  'incident_false_alarm',
  'incident_cancelled',
] as const;
export const LinkageReason = z.enum(LINKAGE_REASONS);
export type LinkageReason = z.infer<typeof LinkageReason>;

/**
 * The keys a timeline entry's details may carry. The server's writes are typed by them and the
 * console labels every one that it shows, so no raw key reaches a dispatcher's screen.
 */
export const TIMELINE_DETAIL_KEYS = [
  // Shown in words by the timeline, each with its label.
  'reason',
  'unitIds',
  'unitId',
  'pagedUnitIds',
  'assignmentId',
  'source',
  'priority',
  'category',
  'outcome',
  'note',
  'dueAt',
  'nextDueAt',
  'step',
  'departments',
  'departmentId',
  'task',
  'tasks',
  'reopened',
  'stoodDown',
  'revised',
  'standDownNote',
  'ruleVersion',
  'level',
  'previousCategory',
  'fromUnitId',
  'toUnitId',
  'distanceM',
  'afterS',
  'receivedAfterS',
  'phoneAfterS',
  'injured',
  'vehicleInvolved',
  'onRoad',
  'ongoing',
  'mediaAttention',
  'contentUrls',
  'officers',
  'changes',
  'url',
  'finalUrl',
  'sha256',
  'sizeBytes',
  'error',
  'attempts',
] as const;
export type TimelineDetailKey = (typeof TIMELINE_DETAIL_KEYS)[number];

/** Keys shown otherwise (the note's text, a status change) or not at all (record ids). */
export const TIMELINE_SPECIAL_KEYS = ['text', 'from', 'to', 'taskId', 'captureId'] as const;
export type TimelineSpecialKey = (typeof TIMELINE_SPECIAL_KEYS)[number];

export type TimelineDetails = { [K in TimelineDetailKey | TimelineSpecialKey]?: unknown };

/** The server's own components that act on incidents: the `system:<component>` actors. */
export const SYSTEM_COMPONENTS = [
  'arrival',
  'assignment-notices',
  'checkin',
  'escalation',
  'evidence',
  'linkage',
  'simulator',
  'task-escalation',
] as const;
export const SystemComponent = z.enum(SYSTEM_COMPONENTS);
export type SystemComponent = z.infer<typeof SystemComponent>;
