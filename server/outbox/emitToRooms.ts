import type { AlarmReason } from '@shared/domain/incident';
import type { StreamEvent } from '@shared/events/streamEvent';
import { minimiseForDepartment } from '../incidents/incidentMinimise';
import { DEPARTMENT_ROOM_PREFIX, ROOM_CONSOLES } from '../realtime/rooms';
import type { ShieldlineServer } from '../realtime/socketTypes';

const isDepartmentRoom = (room: string) => room.startsWith(DEPARTMENT_ROOM_PREFIX);

/** The copy of an incident event a room gets: minimised for a department, else as written. */
function forRoom(room: string, event: Extract<StreamEvent, { topic: 'incident' }>): StreamEvent {
  if (!isDepartmentRoom(room)) return event;
  return { ...event, data: minimiseForDepartment(event.data, room.slice(DEPARTMENT_ROOM_PREFIX.length)) };
}

/**
 * Sends one stream event to its rooms, one broadcast (encoded once) per copy:
 * - when an incident change sounds the distress alarm, every dispatcher and supervisor console
 *   gets the event with `alarm` set: the alarm rides on the event instead of costing each console
 *   a second packet (alarmReceipts.ts watches for it);
 * - department consoles get the same minimised incident their webhook gets (no officers, no
 *   description, content URLs only for 网安);
 * - every other room gets the event as written.
 * A socket in several kinds of room gets one copy, the first of that list that applies to it.
 */
export function emitToRooms(
  io: ShieldlineServer,
  rooms: readonly string[],
  event: StreamEvent,
  alarm: AlarmReason | null = null,
): void {
  if (event.topic !== 'incident') {
    if (rooms.length) io.to([...rooms]).emit('stream:v1:event', event);
    return;
  }
  const taken: string[] = [];
  if (alarm) {
    io.to(ROOM_CONSOLES).emit('stream:v1:event', { ...event, alarm });
    taken.push(ROOM_CONSOLES);
  }
  const others = rooms.filter((r) => !isDepartmentRoom(r));
  if (others.length) io.to(others).except(taken).emit('stream:v1:event', event);
  taken.push(...others);
  for (const room of rooms.filter(isDepartmentRoom))
    io.to(room).except(taken).emit('stream:v1:event', forRoom(room, event));
}
