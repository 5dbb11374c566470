import { z } from 'zod';
import { IsoDateTime } from './ids';

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export const AuditOutcome = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditEntry = z.object({
  id: z.number().int().positive(),
  at: IsoDateTime,
  /** user:<id>, device:<id>, system:<component> or anonymous:<username tried>. */
  actor: z.string().min(1),
  action: z.string().min(1),
  target: z.string().nullable(),
  outcome: AuditOutcome,
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
