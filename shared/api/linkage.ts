import { z } from 'zod';
import { InfringementCategory } from '../domain/category';
import { InvolvedOfficer } from '../domain/incident';
import { HandlingSuggestion, HandlingTrack } from '../domain/task';

/**
 * A dispatcher corrects the facts of an incident as they become known (the category, an injury
 * found later, a vehicle, the scene on a road, content URLs, the officers involved, media
 * attention). The linkage re-plans from the new facts; the reason goes on the timeline.
 */
export const UpdateFactsRequest = z
  .object({
    category: InfringementCategory.optional(),
    injured: z.boolean().optional(),
    vehicleInvolved: z.boolean().optional(),
    onRoad: z.boolean().optional(),
    ongoing: z.boolean().optional(),
    mediaAttention: z.boolean().optional(),
    contentUrls: z
      .array(z.url({ protocol: /^https?$/ }).max(2048))
      .max(20)
      .optional(),
    officers: z.array(InvolvedOfficer).max(50).optional(),
    reason: z.string().trim().min(2).max(500),
  })
  .strict()
  .refine((b) => Object.keys(b).some((k) => k !== 'reason'), {
    message: 'change at least one fact',
    path: ['category'],
  });
export type UpdateFactsRequest = z.input<typeof UpdateFactsRequest>;

/** A dispatcher or investigator corrects the 第二十一条 suggestion; the reason is kept with it. */
export const CorrectHandlingRequest = z
  .object({
    track: HandlingTrack,
    basis: z.string().trim().min(4).max(600).optional(),
    reason: z.string().trim().min(4).max(500),
  })
  .strict();
export type CorrectHandlingRequest = z.input<typeof CorrectHandlingRequest>;

export const HandlingRevision = z.object({
  id: z.number().int(),
  suggestion: HandlingSuggestion,
  /** linkage (first plan, a re-plan on new facts) or correction (a person). */
  source: z.enum(['linkage', 'correction']),
  actor: z.string(),
  reason: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
});
export type HandlingRevision = z.infer<typeof HandlingRevision>;

export const HandlingRevisionList = z.object({ revisions: z.array(HandlingRevision) });
export type HandlingRevisionList = z.infer<typeof HandlingRevisionList>;
