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
