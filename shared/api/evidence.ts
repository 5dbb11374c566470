import { z } from 'zod';
import { IsoDateTime, Uuid } from '../domain/ids';

export const EVIDENCE_STATUSES = ['pending', 'captured', 'manual_capture_required'] as const;
export const EvidenceStatus = z.enum(EVIDENCE_STATUSES);
export type EvidenceStatus = z.infer<typeof EvidenceStatus>;

/** One preserved web page (网安 evidence preservation): what was fetched, from where, when, and its hash. */
export const EvidenceCapture = z.object({
  id: Uuid,
  incidentId: Uuid,
  url: z.string(),
  status: EvidenceStatus,
  finalUrl: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  headers: z.record(z.string(), z.string()).nullable(),
  contentType: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  sha256: z.string().nullable(),
  capturedAt: IsoDateTime.nullable(),
  attempts: z.number().int().min(0),
  error: z.string().nullable(),
});
export type EvidenceCapture = z.infer<typeof EvidenceCapture>;

export const EvidenceList = z.object({ captures: z.array(EvidenceCapture) });
export type EvidenceList = z.infer<typeof EvidenceList>;
