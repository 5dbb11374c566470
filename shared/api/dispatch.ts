import { z } from 'zod';
import { AssignmentAction } from '../domain/assignment';
import { UnitKind, UnitStatus } from '../domain/unit';

export const Recommendation = z.object({
  unitId: z.uuid(),
  callSign: z.string(),
  kind: UnitKind,
  status: UnitStatus,
  distanceM: z.number().min(0),
  etaS: z.number().min(0),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const DispatchRequest = z.object({ unitIds: z.array(z.uuid()).min(1).max(20) });
export type DispatchRequest = z.infer<typeof DispatchRequest>;

export const NoteRequest = z.object({ text: z.string().trim().min(1).max(2000) });
export type NoteRequest = z.infer<typeof NoteRequest>;

export const CLOSE_OUTCOMES = ['controlled', 'offender_detained', 'false_alarm', 'cancelled'] as const;
export const CloseRequest = z.object({
  outcome: z.enum(CLOSE_OUTCOMES),
  note: z.string().max(2000).optional(),
});
export type CloseRequest = z.infer<typeof CloseRequest>;

export { ASSIGNMENT_ACTIONS, AssignmentAction } from '../domain/assignment';

export const AssignmentResponse = z.object({ assignmentId: z.uuid(), action: AssignmentAction });
export type AssignmentResponse = z.infer<typeof AssignmentResponse>;
