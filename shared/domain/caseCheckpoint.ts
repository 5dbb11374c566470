import { z } from 'zod';
import { IsoDateTime, Uuid } from './ids';

/**
 * Checkpoints a case must pass before it closes (issue #13 item 5; Shanghai's case system has
 * 39 mandatory checkpoints, seed 004). Built-in ones are computed from the case; an
 * administrator may add more, which a person confirms on the case with a note.
 */
export const BUILT_IN_CHECKPOINTS = [
  'acceptance_decision',
  'evidence_attached',
  'offender_handling',
  'liability_finding',
  'written_feedback',
] as const;
export type BuiltInCheckpoint = (typeof BUILT_IN_CHECKPOINTS)[number];

export const CheckpointId = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,62}$/, 'lower-case letters, digits and _; starts with a letter');

export const CheckpointKind = z.enum(['computed', 'confirmed']);
export type CheckpointKind = z.infer<typeof CheckpointKind>;

export const CheckpointDefinition = z.object({
  id: CheckpointId,
  labelZh: z.string(),
  labelEn: z.string(),
  kind: CheckpointKind,
  active: z.boolean(),
  position: z.number().int(),
});
export type CheckpointDefinition = z.infer<typeof CheckpointDefinition>;

export const CheckpointConfirmation = z.object({
  note: z.string(),
  by: Uuid,
  byName: z.string(),
  at: IsoDateTime,
});

/** One checkpoint on one case: whether it applies, whether it passes, and why. */
export const CaseCheckpointState = CheckpointDefinition.omit({ active: true }).extend({
  /** A checkpoint that does not apply to this case (no liability question raised) passes. */
  applies: z.boolean(),
  passed: z.boolean(),
  /** What the check found, in words a reviewer reads (e.g. "2 files, hashes verified"). */
  detail: z.string().nullable(),
  confirmation: CheckpointConfirmation.nullable(),
});
export type CaseCheckpointState = z.infer<typeof CaseCheckpointState>;

export const CaseChecklist = z.object({
  checkpoints: z.array(CaseCheckpointState),
  /** Every checkpoint passes: the case may close. */
  ready: z.boolean(),
});
export type CaseChecklist = z.infer<typeof CaseChecklist>;

export const AddCheckpointRequest = z.object({
  id: CheckpointId,
  labelZh: z.string().trim().min(1).max(200),
  labelEn: z.string().trim().min(1).max(200),
});

export const ConfirmCheckpointRequest = z.object({ note: z.string().trim().min(1).max(2000) });

export const CloseCaseRequest = z.object({ note: z.string().trim().max(2000).optional() });
