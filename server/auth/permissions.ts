import type { DepartmentId } from '@shared/domain/department';
import type { Permission } from '@shared/domain/permission';
import type { Role } from '@shared/domain/role';
import { errors } from '../http/errors';
import type { Principal } from './principal';

/**
 * This file is the only place that says which role may do what, so a review of access control
 * reads one table. The permission names themselves are shared with the route table.
 */
export { PERMISSIONS, type Permission } from '@shared/domain/permission';

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  dispatcher: [
    'stream:read',
    'alerts:create',
    'incidents:read_all',
    'incidents:acknowledge',
    'incidents:dispatch',
    'incidents:close',
    'incidents:note',
    'units:read',
    'tasks:read_all',
    'assignments:respond',
    'applications:file',
    'handling:correct',
    'clearing:read',
    'clearing:carry_over',
  ],
  supervisor: [
    'stream:read',
    'alerts:create',
    'incidents:read_all',
    'incidents:acknowledge',
    'incidents:dispatch',
    'incidents:close',
    'incidents:note',
    'units:read',
    'tasks:read_all',
    'tasks:work',
    'assignments:respond',
    'personal_data:read',
    'evidence:read_web',
    'consoles:monitor',
    'audit:read',
    'applications:file',
    'handling:correct',
    'ledger:read',
    'warnings:read',
    'warnings:handle',
    'clearing:read',
    'clearing:carry_over',
    'clearing:sign_off',
    // dates and states only: the overdue view; the content of cases is for 维权办 and the committee
    'cases:deadlines',
  ],
  field_officer: [
    'stream:read',
    'alerts:create',
    'incidents:read_own',
    'incidents:note',
    'units:report_position',
    'assignments:respond',
    'applications:file',
    // their own applications only (server/cases/caseAccess.ts)
    'cases:read',
    'cases:apply',
  ],
  // 维权办 manages cases; other departments see only their case tasks and may refer a lead (caseAccess.ts)
  department_staff: [
    'stream:read',
    'incidents:read_own',
    'incidents:note',
    'tasks:work',
    'handling:correct',
    'cases:read',
    'cases:apply',
    'cases:manage',
    // 维权办 keeps the ledger; other departments are refused in server/ledger/ledgerAccess.ts
    'ledger:read',
    // 维权办 only (server/warnings/warningAccess.ts); other departments are refused
    'warnings:read',
    'warnings:handle',
    // 督察 (inspection) only, checked in server/committee/supervision.ts (第十九条 督察跟进督办)
    'cases:supervise',
  ],
  admin: [
    'stream:read',
    'incidents:read_all',
    'units:read',
    'tasks:read_all',
    'consoles:monitor',
    'audit:read',
    'users:manage',
    'rules:manage',
    'queues:admin',
    'cases:read',
    'cases:apply',
    'cases:manage',
    'calendar:manage',
    'ledger:read',
    'warnings:read',
    'warnings:handle',
    'warnings:configure',
    'checkpoints:manage',
    'clearing:read',
    'cases:deadlines',
  ],
  // 维权委 (第六条/第七条): reads every case (第十一条(八)), is told of serious ones, marks 督办;
  // its director alone decides an extension (第十六条, checked on the user's attribute).
  committee: [
    'stream:read',
    'cases:read',
    'cases:deadlines',
    'cases:supervise',
    'cases:decide_extension',
    'committee:read',
    // 第三十五条: the committee reads the ledger, its analysis and the warnings
    'ledger:read',
    'warnings:read',
  ],
};

/** Device keys carry scopes rather than roles; today the only scope raises alerts. */
const DEVICE_SCOPES: Record<string, readonly Permission[]> = {
  'alerts:create': ['alerts:create', 'units:report_position'],
};

export function permissionsOf(principal: Principal): ReadonlySet<Permission> {
  if (principal.kind === 'user') return new Set(ROLE_PERMISSIONS[principal.user.role]);
  if (principal.kind === 'system') return new Set();
  return new Set(principal.scopes.flatMap((s) => DEVICE_SCOPES[s] ?? []));
}

export function can(principal: Principal | undefined, permission: Permission): boolean {
  return principal !== undefined && permissionsOf(principal).has(permission);
}

/** Throws the uniform 401/403 errors; used by the HTTP middleware and the socket gate alike. */
export function assertCan(
  principal: Principal | undefined,
  permission: Permission,
): asserts principal is Principal {
  if (!principal) throw errors.unauthenticated();
  if (!can(principal, permission))
    throw errors.forbidden(`your role may not ${permission.replace(':', ' ')}`);
}

/** Department-bound checks: staff work only their own department's tasks (网安 may not open 交管's). */
export function assertDepartment(principal: Principal, departmentId: DepartmentId): void {
  if (can(principal, 'tasks:read_all')) return;
  if (principal.kind === 'user' && principal.user.departmentId === departmentId) return;
  throw errors.forbidden('this belongs to another department');
}

export function assertUnit(principal: Principal, unitId: string): void {
  // Background work (arrival detection) acts for the unit on the server's own evidence.
  if (principal.kind === 'system') return;
  if (
    principal.kind === 'user' &&
    principal.user.role === 'field_officer' &&
    principal.user.unitId === unitId
  )
    return;
  if (can(principal, 'incidents:read_all')) return;
  throw errors.forbidden('this belongs to another unit');
}
