import { z } from 'zod';
import { IsoDateTime, Uuid } from '../domain/ids';

/**
 * Evidence the officer uploads from the phone (第十三条: collect audio and video at once):
 * resumable (tus) uploads to an incident, hashed on both ends, with a chain of custody.
 */
export const UPLOAD_KINDS = ['photo', 'audio', 'video', 'other'] as const;
export const UploadKind = z.enum(UPLOAD_KINDS);
export type UploadKind = z.infer<typeof UploadKind>;

export const UPLOAD_STATUSES = ['uploading', 'stored', 'hash_mismatch', 'abandoned'] as const;
export const UploadStatus = z.enum(UPLOAD_STATUSES);
export type UploadStatus = z.infer<typeof UploadStatus>;

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits');

/**
 * The tus Upload-Metadata the phone (or 维权办's browser) must send when it creates an upload:
 * the file goes to an incident or to a rights-protection case (issue #12), never both.
 */
export const UploadMetadata = z
  .object({
    incidentId: Uuid.optional(),
    caseId: Uuid.optional(),
    filename: z.string().trim().min(1).max(255),
    filetype: z.string().max(200).default('application/octet-stream'),
    kind: UploadKind.default('other'),
    /** SHA-256 of the whole file, computed on the phone before sending; the server compares. */
    sha256: Sha256Hex,
  })
  .refine((m) => (m.incidentId === undefined) !== (m.caseId === undefined), {
    message: 'name either incidentId or caseId',
    path: ['incidentId'],
  });
export type UploadMetadata = z.infer<typeof UploadMetadata>;

export const EvidenceUpload = z.object({
  id: Uuid,
  /** Exactly one of incidentId and caseId is set. */
  incidentId: Uuid.nullable(),
  caseId: Uuid.nullable(),
  kind: UploadKind,
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int().min(0),
  status: UploadStatus,
  /** What the phone said the file hashes to. */
  clientSha256: Sha256Hex,
  /** What the server computed over the stored bytes; null until the upload is complete. */
  sha256: Sha256Hex.nullable(),
  uploadedByUserId: Uuid,
  uploadedBy: z.string(),
  unitId: Uuid.nullable(),
  device: z.string().nullable(),
  createdAt: IsoDateTime,
  completedAt: IsoDateTime.nullable(),
});
export type EvidenceUpload = z.infer<typeof EvidenceUpload>;

export const EvidenceUploadList = z.object({ uploads: z.array(EvidenceUpload) });
export type EvidenceUploadList = z.infer<typeof EvidenceUploadList>;

export const CUSTODY_ACTIONS = [
  'created',
  'stored',
  'hash_mismatch',
  'listed',
  'downloaded',
  'abandoned',
] as const;
export const CustodyAction = z.enum(CUSTODY_ACTIONS);
export type CustodyAction = z.infer<typeof CustodyAction>;

/** One link of the chain of custody: who did what with the evidence, when, from which device. */
export const CustodyEntry = z.object({
  id: z.number().int(),
  uploadId: Uuid,
  at: IsoDateTime,
  actor: z.string(),
  action: CustodyAction,
  device: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type CustodyEntry = z.infer<typeof CustodyEntry>;

export const CustodyChain = z.object({ upload: EvidenceUpload, entries: z.array(CustodyEntry) });
export type CustodyChain = z.infer<typeof CustodyChain>;
