import { EvidenceCapture } from '@shared/api/evidence';
import type { Selectable } from 'kysely';
import type { EvidenceCapturesTable } from '../db/schema';

export function toCapture(row: Selectable<EvidenceCapturesTable>): EvidenceCapture {
  return EvidenceCapture.parse({
    id: row.id,
    incidentId: row.incident_id,
    url: row.url,
    status: row.status,
    finalUrl: row.final_url,
    httpStatus: row.http_status,
    headers: row.headers,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    capturedAt: row.captured_at ? new Date(row.captured_at).toISOString() : null,
    attempts: row.attempts,
    error: row.error,
  });
}
