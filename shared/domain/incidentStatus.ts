import { z } from 'zod';

export const INCIDENT_STATUSES = [
  'new',
  'acknowledged',
  'dispatched',
  'on_scene',
  'controlled',
  'closed',
  'cancelled',
  'false_alarm',
] as const;
export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** The statuses' Chinese names: the one source for the client's zh-CN labels and the exported ledger. */
export const INCIDENT_STATUS_NAMES: Readonly<Record<IncidentStatus, string>> = {
  new: '新警情',
  acknowledged: '已确认',
  dispatched: '已派遣',
  on_scene: '已到场',
  controlled: '已控制',
  closed: '已结案',
  cancelled: '已撤销',
  false_alarm: '误报',
};

export const TERMINAL_STATUSES: ReadonlySet<IncidentStatus> = new Set(['closed', 'cancelled', 'false_alarm']);

/**
 * The lifecycle new → acknowledged → dispatched → on_scene → controlled → closed.
 * Dispatching implies acknowledging, so new → dispatched is allowed; a case-only incident
 * (a smear, a false accusation) is never dispatched, so acknowledged → controlled is allowed;
 * recalling every unit returns dispatched to acknowledged.
 */
const NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  new: ['acknowledged', 'dispatched', 'cancelled', 'false_alarm'],
  acknowledged: ['dispatched', 'controlled', 'cancelled', 'false_alarm'],
  dispatched: ['acknowledged', 'on_scene', 'controlled', 'cancelled', 'false_alarm'],
  on_scene: ['controlled', 'cancelled', 'false_alarm'],
  controlled: ['closed'],
  closed: [],
  cancelled: [],
  false_alarm: [],
};

export type TransitionResult = { ok: true } | { ok: false; reason: string };

/** The one place that says whether an incident may move from one status to another. */
export function checkTransition(from: IncidentStatus, to: IncidentStatus): TransitionResult {
  if (NEXT[from].includes(to)) return { ok: true };
  if (from === to) return { ok: false, reason: `incident is already ${from}` };
  return { ok: false, reason: `cannot go from ${from} to ${to}` };
}

export function allowedNext(from: IncidentStatus): readonly IncidentStatus[] {
  return NEXT[from];
}
