import type { Principal } from '../auth/principal';
import { managesCases } from '../cases/caseAccess';
import { errors } from '../http/errors';

/**
 * 第三十五条: the ledger is 维权委's (supervisors stand in for the committee, as for cases) and
 * 维权办's, which keeps it; admins keep the system. `ledger:read` goes to department staff as a
 * role, so the department is checked here: staff of other departments see their tasks, not the
 * bureau's register.
 */
export function assertReadsLedger(p: Principal): void {
  if (p.kind !== 'user') throw errors.forbidden('the ledger is read by people, not devices');
  if (p.user.role === 'department_staff' && !managesCases(p))
    throw errors.forbidden('the ledger is kept by 维权办');
}
