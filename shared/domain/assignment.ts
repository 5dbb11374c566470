import { z } from 'zod';
import { IsoDateTime, Uuid } from './ids';

export const ASSIGNMENT_STATUSES = [
  'pending',
  'accepted',
  'en_route',
  'on_scene',
  'cleared',
  'cancelled',
  'declined',
] as const;
export const AssignmentStatus = z.enum(ASSIGNMENT_STATUSES);
export type AssignmentStatus = z.infer<typeof AssignmentStatus>;

/** What a field unit answers to an assignment, in the order it usually happens. */
export const ASSIGNMENT_ACTIONS = ['accept', 'en_route', 'on_scene', 'clear', 'decline'] as const;
export const AssignmentAction = z.enum(ASSIGNMENT_ACTIONS);
export type AssignmentAction = z.infer<typeof AssignmentAction>;

export const Assignment = z.object({
  id: Uuid,
  incidentId: Uuid,
  unitId: Uuid,
  status: AssignmentStatus,
  dispatchedByUserId: Uuid.nullable(),
  dispatchedAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Assignment = z.infer<typeof Assignment>;
