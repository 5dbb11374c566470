import { can } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { errors } from '../http/errors';

/**
 * Warnings name officers hit again and again and cases suspected of downgraded handling
 * (第三十六条): for supervisors (the committee's stand-in), 维权办 and admins. Department staff
 * hold the permission as a role, so the department is checked here: only 维权办's staff.
 */
export function readsWarnings(p: Principal | undefined): boolean {
  if (p?.kind !== 'user' || !can(p, 'warnings:read')) return false;
  return p.user.role !== 'department_staff' || p.user.departmentId === 'rights_office';
}

export function assertReadsWarnings(p: Principal | undefined): void {
  if (!readsWarnings(p)) throw errors.forbidden('warnings are for supervisors, 维权办 and admins');
}
