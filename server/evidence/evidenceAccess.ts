import { can } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { errors } from '../http/errors';

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
