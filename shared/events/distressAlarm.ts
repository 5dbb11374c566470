import type { AlarmReason, Incident } from '../domain/incident';
import { onStreamEvent, type StreamSource } from './onStreamEvent';
import type { StreamEvent } from './streamEvent';

/**
 * A distress alarm as a console sees it. It is not a message of its own: it rides on the
 * incident's `stream:v1:event` that dispatcher and supervisor consoles receive (the event's
 * `alarm`), so an alert costs each console one packet, not two. A console confirms it by the
 * event's seq in `console:v1:applied`.
 */
export interface DistressAlarm {
  seq: number;
  reason: AlarmReason;
  incident: Incident;
}

/** The alarm an event sounds, or null when it sounds none. */
export function alarmOf(event: StreamEvent): DistressAlarm | null {
  if (event.topic !== 'incident' || !event.alarm) return null;
  return { seq: event.seq, reason: event.alarm, incident: event.data };
}

/** Calls `listener` for each distress alarm the socket receives (tests, benches, tools). */
export function onDistressAlarm(socket: StreamSource, listener: (alarm: DistressAlarm) => void): void {
  onStreamEvent(socket, (event) => {
    const alarm = alarmOf(event);
    if (alarm) listener(alarm);
  });
}
