import type { Principal } from '../auth/principal';
import { errors } from '../http/errors';
import { onClientEvent } from '../realtime/socketHandler';
import type { ShieldlineSocket } from '../realtime/socketTypes';
import type { PositionAdmission } from './positionAdmission';
import { reportPosition, type UnitDeps } from './unitPositionService';

/**
 * `unit:v1:position` from a field officer's device. The unit is always the officer's own, so
 * the payload carries no unit id that could be forged; gateways holding a device key report
 * over HTTP, where the unit is named and checked. A report shed by admission control is
 * answered `accepted: false, reason: 'shed'`: the device sends its next one as usual.
 */
function ownUnit(principal: Principal): string {
  const unitId = principal.kind === 'user' ? principal.user.unitId : null;
  if (!unitId) throw errors.forbidden('only a field officer reports a position over the socket');
  return unitId;
}

export function registerUnitSocketHandlers(
  deps: UnitDeps,
  admission: PositionAdmission,
): (socket: ShieldlineSocket) => void {
  return (socket) => {
    onClientEvent(
      socket,
      'unit:v1:position',
      'units:report_position',
      async (report, principal) => {
        const unitId = ownUnit(principal);
        if (!admission.admit('socket').ok) return { accepted: false, reason: 'shed' };
        const outcome = await reportPosition(deps, unitId, report);
        return outcome.accepted ? { accepted: true } : { accepted: false, reason: outcome.reason };
      },
      (principal) => void ownUnit(principal),
    );
  };
}
