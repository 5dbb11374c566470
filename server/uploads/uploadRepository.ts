import type { CustodyAction, CustodyEntry, EvidenceUpload } from '@shared/api/upload';
import { EvidenceUpload as EvidenceUploadSchema } from '@shared/api/upload';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { DB } from '../db/schema';
import type { UploadOwner } from './uploadOwner';

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function uploadsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('evidence_uploads')
    .innerJoin('users', 'users.id', 'evidence_uploads.uploaded_by_user_id')
    .selectAll('evidence_uploads')
    .select(['users.display_name', 'users.username']);
}

type UploadRow = Awaited<ReturnType<ReturnType<typeof uploadsQuery>['executeTakeFirstOrThrow']>>;

function toUpload(row: UploadRow): EvidenceUpload {
  return EvidenceUploadSchema.parse({
    id: row.id,
    incidentId: row.incident_id,
    caseId: row.case_id,
    kind: row.kind,
    filename: row.filename,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    status: row.status,
    clientSha256: row.client_sha256,
    sha256: row.sha256,
    uploadedByUserId: row.uploaded_by_user_id,
    uploadedBy: `${row.display_name} (${row.username})`,
    unitId: row.unit_id,
    device: row.device,
    createdAt: iso(row.created_at),
    completedAt: iso(row.completed_at),
  });
}

export async function findUpload(db: Kysely<DB>, id: string): Promise<EvidenceUpload | undefined> {
  const row = await uploadsQuery(db).where('evidence_uploads.id', '=', id).executeTakeFirst();
  return row ? toUpload(row) : undefined;
}

export async function listUploads(db: Database, owner: UploadOwner): Promise<EvidenceUpload[]> {
  const rows = await uploadsQuery(db)
    .where(
      'caseId' in owner ? 'evidence_uploads.case_id' : 'evidence_uploads.incident_id',
      '=',
      'caseId' in owner ? owner.caseId : owner.incidentId,
    )
    .orderBy('evidence_uploads.created_at')
    .execute();
  return rows.map(toUpload);
}

export interface CustodyInput {
  uploadId: string;
  actor: string;
  action: CustodyAction;
  device: string | null;
  ip: string | null;
  details?: Record<string, unknown>;
}

export async function addCustody(trx: Kysely<DB>, entry: CustodyInput, at = new Date()): Promise<void> {
  await trx
    .insertInto('evidence_custody')
    .values({
      upload_id: entry.uploadId,
      at,
      actor: entry.actor,
      action: entry.action,
      device: entry.device,
      ip: entry.ip,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export async function readCustody(db: Database, uploadId: string): Promise<CustodyEntry[]> {
  const rows = await db
    .selectFrom('evidence_custody')
    .selectAll()
    .where('upload_id', '=', uploadId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    uploadId: r.upload_id,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action as CustodyAction,
    device: r.device,
    ip: r.ip,
    details: r.details,
  }));
}
