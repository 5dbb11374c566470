import type { StreamEvent } from '@shared/events/streamEvent';
import { logger } from '../observability/logger';
import type { ShieldlineServer } from '../realtime/socketTypes';

/**
 * Topics that go out several to a packet. A linkage task changes about twice per department per
 * alert, and each change used to be its own packet to every console in the command center: most
 * of what a console received after an alert, and most of the server's socket writes. Incidents
 * (alerts, acknowledgements, escalations), assignments (dispatch) and unit status are never
 * held: they are what a dispatcher acts on.
 */
const BATCHED_TOPICS: ReadonlySet<string> = new Set<StreamEvent['topic']>(['task']);

export function isBatchedTopic(topic: string): boolean {
  return BATCHED_TOPICS.has(topic);
}

/** Local policy: how long a task change may wait in the outbox for others to share its packet. */
export const DEFAULT_STREAM_BATCH_MS = 100;

/**
 * Sends each room one `stream:v1:batch` with the events meant for it, in seq order. Per room,
 * not per room set: a task goes to the command center and to its department, and the command
 * center's consoles should get one packet for all departments' tasks. A socket in two rooms of
 * one batch gets the event twice; the client applies each record's version once (its stream
 * cursor), as it does for a replay.
 */
export function emitBatches(
  io: ShieldlineServer,
  items: ReadonlyArray<{ rooms: readonly string[]; event: StreamEvent }>,
): void {
  const byRoom = new Map<string, StreamEvent[]>();
  for (const { rooms, event } of items)
    for (const room of rooms) {
      const list = byRoom.get(room);
      if (list) list.push(event);
      else byRoom.set(room, [event]);
    }
  for (const [room, events] of byRoom) {
    try {
      io.to(room).emit('stream:v1:batch', { events: events.sort((a, b) => a.seq - b.seq) });
    } catch (err) {
      logger.error({ err, room, events: events.length }, 'stream batch could not be sent');
    }
  }
}
