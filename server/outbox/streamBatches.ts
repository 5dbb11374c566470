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

function isBatchedTopic(topic: string): boolean {
  return BATCHED_TOPICS.has(topic);
}

/** Local policy: how long a task change may wait in the outbox for others to share its packet. */
export const DEFAULT_STREAM_BATCH_MS = 100;

export interface BatchHold {
  /** Whether an event of this topic goes out in a batch (never, with a window of 0). */
  batches(topic: string): boolean;
  /** Whether the relay should leave these unpublished rows for a later pass. */
  holdBack(pending: ReadonlyArray<{ id: number; topic: string; attempts: number }>, now: number): boolean;
  /** When the held rows are due, once per hold: the relay's next pass at the latest. */
  takeWakeAt(): number | undefined;
}

/**
 * Rows of batched topics wait in the outbox, unpublished, until the oldest has waited `batchMs`,
 * so that the tasks of one linkage (and of alerts close together) share packets. Held in the
 * database rather than in memory: a relay that dies holding them has published nothing, and the
 * next pass, here or in another process, publishes them. Anything else pending (an incident, a
 * dispatch) or a retry ends the wait for all of them at once. `maxRows` (a full page of the
 * relay) also does: more are waiting behind it.
 */
export function createBatchHold(batchMs: number, maxRows: number): BatchHold {
  /** When this relay first saw each unpublished row. */
  const firstSeen = new Map<number, number>();
  let wakeAt: number | undefined;
  const batches = (topic: string) => batchMs > 0 && isBatchedTopic(topic);
  return {
    batches,
    holdBack(pending, now) {
      const ids = new Set(pending.map((r) => r.id));
      for (const id of firstSeen.keys()) if (!ids.has(id)) firstSeen.delete(id);
      if (pending.length === 0 || pending.length >= maxRows) return false;
      if (pending.some((r) => !batches(r.topic) || r.attempts > 0)) return false;
      let oldest = now;
      for (const row of pending) {
        const seen = firstSeen.get(row.id) ?? now;
        firstSeen.set(row.id, seen);
        oldest = Math.min(oldest, seen);
      }
      if (now - oldest >= batchMs) return false;
      wakeAt = oldest + batchMs;
      return true;
    },
    takeWakeAt() {
      const at = wakeAt;
      wakeAt = undefined;
      return at;
    },
  };
}

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
