import type { EvidenceUpload } from '@shared/api/upload';
import type { Principal } from '../auth/principal';
import { assertSeesCase, managesCases } from '../cases/caseAccess';
import { findCaseRow } from '../cases/caseRepository';
import type { Database } from '../db/database';
import { errors } from '../http/errors';
import { assertCanSeeIncident } from '../incidents/incidentAccess';

/** What an upload belongs to: an incident (the phone at the scene) or a case (维权办, the applicant). */
export type UploadOwner = { incidentId: string } | { caseId: string };

export function ownerOf(upload: Pick<EvidenceUpload, 'incidentId' | 'caseId'>): UploadOwner {
  if (upload.caseId) return { caseId: upload.caseId };
  if (upload.incidentId) return { incidentId: upload.incidentId };
  throw errors.notFound('evidence upload');
}

/** The audit target of an owner: `incident:<id>` or `case:<id>`. */
export function ownerTarget(owner: UploadOwner): string {
  return 'caseId' in owner ? `case:${owner.caseId}` : `incident:${owner.incidentId}`;
}

/**
 * Who may add a file. To an incident: whoever may see it. To a case: 维权办 (and admins) and the
 * applicant; the committee reads cases but does not add to their record, and a department
 * answers through its task, not by attaching to the file.
 */
export async function assertCanAttach(db: Database, p: Principal, owner: UploadOwner): Promise<void> {
  if ('incidentId' in owner) {
    await assertCanSeeIncident(db, p, owner.incidentId);
    return;
  }
  const row = await findCaseRow(db, owner.caseId);
  if (!row) throw errors.notFound('case');
  const why = await assertSeesCase(db, p, row);
  if (managesCases(p) || why === 'applicant') return;
  throw errors.forbidden('files are attached to a case by 维权办 or the applicant');
}

/** Who may read a file and its custody: as for its incident, or 维权办, the committee and the applicant of its case. */
export async function assertCanSeeUpload(db: Database, p: Principal, owner: UploadOwner): Promise<void> {
  if ('incidentId' in owner) {
    await assertCanSeeIncident(db, p, owner.incidentId);
    return;
  }
  const row = await findCaseRow(db, owner.caseId);
  if (!row) throw errors.notFound('case');
  const why = await assertSeesCase(db, p, row);
  // a department sees the case through its task only, not the file's evidence
  if (why === 'department') throw errors.notFound('evidence upload');
}
