import { can } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { readsWarnings } from '../warnings/warningAccess';

/** Dispatchers, supervisors and admins see every incident, unit and task. */
export const ROOM_ALL = 'all';
/** Consoles that should sound the distress alarm. */
export const ROOM_CONSOLES = 'consoles';

/** Who hears early warnings as they fire: supervisors, 维权办 and admins (server/warnings/warningAccess.ts). */
export const ROOM_WARNINGS = 'warnings';

export const unitRoom = (unitId: string) => `unit:${unitId}`;
export const DEPARTMENT_ROOM_PREFIX = 'department:';
export const departmentRoom = (departmentId: string) => `${DEPARTMENT_ROOM_PREFIX}${departmentId}`;
export const userRoom = (userId: string) => `user:${userId}`;
/** Every socket of one login session, so a logout can disconnect them in every server process. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** The rooms a connection joins, which decide every event it will ever receive. */
export function roomsForPrincipal(principal: Principal): string[] {
  if (principal.kind !== 'user') return [];
  const { user } = principal;
  const rooms = [userRoom(user.id), sessionRoom(principal.sessionId)];
  if (can(principal, 'incidents:read_all')) rooms.push(ROOM_ALL);
  if (user.role === 'dispatcher' || user.role === 'supervisor') rooms.push(ROOM_CONSOLES);
  if (readsWarnings(principal)) rooms.push(ROOM_WARNINGS);
  if (user.unitId) rooms.push(unitRoom(user.unitId));
  if (user.departmentId) rooms.push(departmentRoom(user.departmentId));
  return rooms;
}
