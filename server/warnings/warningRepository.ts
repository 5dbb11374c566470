import { Warning, WarningEvidence, WarningRef } from '@shared/domain/warning';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { WarningsTable } from '../db/schema';

export type WarningRow = Selectable<WarningsTable>;

const at = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function toWarning(r: WarningRow): Warning {
  return Warning.parse({
    id: r.id,
    model: r.model,
    subject: r.subject_key,
    status: r.status,
    evidence: WarningEvidence.parse(r.evidence),
    refs: z.array(WarningRef).parse(r.refs),
    firedAt: at(r.fired_at),
    updatedAt: at(r.updated_at),
    acknowledgedAt: at(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by,
    acknowledgedNote: r.acknowledged_note,
    resolvedAt: at(r.resolved_at),
    resolvedBy: r.resolved_by,
    resolvedNote: r.resolved_note,
    clearedAt: at(r.cleared_at),
  });
}
