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
