import { can } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/database';
import { errors } from '../http/errors';
import { assertCanSeeIncident } from '../incidents/incidentAccess';

/** Captures can hold doxxing pages full of an officer's family's data: 网安 staff and supervisors only. */
export function assertCanReadEvidence(principal: Principal): void {
  if (can(principal, 'evidence:read_web')) return;
  if (
    principal.kind === 'user' &&
    principal.user.role === 'department_staff' &&
    principal.user.departmentId === 'cyber'
  )
    return;
  throw errors.forbidden('only 网安 and supervisors may read evidence captures');
}

/** 网安 reads the captures of incidents it has a task for, not of every incident in the bureau. */
export async function assertCanReadIncidentEvidence(
  db: Database,
  principal: Principal,
  incidentId: string,
): Promise<void> {
  assertCanReadEvidence(principal);
  await assertCanSeeIncident(db, principal, incidentId);
}
