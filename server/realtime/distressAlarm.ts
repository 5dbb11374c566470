import type { AlarmReason } from '@shared/domain/incident';
import type { StreamEvent } from '@shared/events/streamEvent';
import { ROOM_CONSOLES } from './rooms';
import type { ShieldlineServer } from './socketTypes';

/** How long a console has to confirm it sounded a distress alarm before it counts as lagging. */
export const ALARM_CONFIRM_MS = 5000;

export const laggingKey = (prefix: string) => `${prefix}:consoles:lagging`;

export interface LaggingConsole {
  socketId: string;
  userId: string;
  username: string;
  incidentId: string;
  since: string;
}

/**
 * Sounds the alarm on every dispatcher and supervisor console, across server processes: one
 * broadcast, encoded once per process, with no ack to wait for. Each process checks its own
 * consoles' confirmations (alarmReceipts.ts).
 */
export function sendDistressAlarm(
  io: ShieldlineServer,
  event: Extract<StreamEvent, { topic: 'incident' }>,
  reason: AlarmReason,
): void {
  io.to(ROOM_CONSOLES).emit('alarm:v1:distress', { seq: event.seq, reason, incident: event.data });
}
