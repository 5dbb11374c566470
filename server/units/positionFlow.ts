import { Counter } from 'prom-client';
import { errors } from '../http/errors';
import { metricsRegistry } from '../observability/metrics';
import { ROOM_ALL } from '../realtime/rooms';
import { onClientEvent } from '../realtime/socketHandler';
import type { ShieldlineServer, ShieldlineSocket } from '../realtime/socketTypes';

/**
 * Local policy: how long a console may leave a position batch unconfirmed before it is sent no
 * more (batches go every 500 ms from each process, confirmations at most every second).
 */
export const POSITION_MAX_LAG_MS = 2500;
/** Send times kept, by batch number: far more than a console may fall behind. */
const TIMES_KEPT = 1000;

const skipped = new Counter({
  name: 'shieldline_position_batches_skipped_total',
  help: 'Position batches not sent to a console because it had not confirmed the ones before',
  registers: [metricsRegistry],
});

export interface PositionFlow {
  /** Takes the socket's confirmations (`console:v1:positions`) and forgets it when it goes. */
  register(socket: ShieldlineSocket): void;
  /**
   * Numbers the next local batch and says which of this process's sockets in the room are too
   * far behind to be sent it; every other socket there counts as sent it.
   */
  next(io: ShieldlineServer, room: string, now?: number): { n: number; behind: string[] };
}

interface Flow {
  /** The last batch this socket was sent. */
  sent: number;
  /** The last batch it said it applied. */
  confirmed: number;
}

/**
 * Flow control for `units:v1:positions`. A batch is volatile, but socket.io only drops it when
 * the connection is not writable at that moment, and the kernel's buffers take megabytes before
 * that: a console that reads slower than positions arrive (a weak link, a busy tab) had seconds of
 * them queued ahead of the next alert. Each console confirms the last batch it applied; one that
 * has left a batch unconfirmed for `maxLagMs` is skipped (one encoded broadcast to the room,
 * `except` those sockets) until it confirms, so at most that much position traffic stands
 * between any console and an alert. A skipped console misses the positions of those batches, as with any volatile drop: the
 * units report again within seconds, and its snapshot covers units that do not.
 */
export function createPositionFlow(maxLagMs = POSITION_MAX_LAG_MS): PositionFlow {
  const flows = new Map<string, Flow>();
  /** When each recent batch went out, by number. */
  const sentAt = new Map<number, number>();
  let counter = 0;

  return {
    register(socket) {
      onClientEvent(
        socket,
        'console:v1:positions',
        'incidents:read_all',
        async ({ n }) => {
          const flow = flows.get(socket.id);
          // A number above what was sent proves nothing; it is capped.
          if (flow) flow.confirmed = Math.max(flow.confirmed, Math.min(n, flow.sent));
          return { n: flow?.confirmed ?? 0 };
        },
        () => {
          if (!socket.data.rooms.includes(ROOM_ALL))
            throw errors.forbidden('only a console that is sent positions confirms them');
        },
      );
      flows.set(socket.id, { sent: 0, confirmed: 0 });
      socket.once('disconnect', () => flows.delete(socket.id));
    },
    next(io, room, now = Date.now()) {
      counter += 1;
      sentAt.set(counter, now);
      sentAt.delete(counter - TIMES_KEPT);
      const behind: string[] = [];
      for (const id of io.of('/').adapter.rooms.get(room) ?? []) {
        const flow = flows.get(id);
        // Joined the room but not registered yet (its handlers come next): sent, not tracked, so
        // that no state is kept for a socket whose disconnect nobody listens for.
        if (!flow) continue;
        // The oldest batch it has not confirmed; forgotten means long ago.
        const oldest = flow.sent > flow.confirmed ? (sentAt.get(flow.confirmed + 1) ?? 0) : now;
        if (now - oldest > maxLagMs) {
          behind.push(id);
          continue;
        }
        // Confirmations count from the first batch a socket was sent.
        if (flow.sent === 0) flow.confirmed = counter - 1;
        flow.sent = counter;
      }
      skipped.inc(behind.length);
      return { n: counter, behind };
    },
  };
}
