import type { Authenticator } from '../auth/authenticate';
import { inBackground } from '../db/queryPriority';
import { errors } from '../http/errors';
import { logger } from '../observability/logger';
import { socketEventsRefused } from '../observability/metrics';
import type { ShieldlineServer, ShieldlineSocket } from './socketTypes';

/** A full resync reads up to a thousand outbox rows: it costs as much as this many plain events. */
const EVENT_COST: Record<string, number> = { 'sync:v1:resume': 10 };

/**
 * A token bucket per socket: `perSecond` events on average, `burst` at once. A refused event is
 * answered through its ack with the uniform `rate_limited` error and never reaches a handler, so
 * one socket looping resyncs or acknowledgements costs the database nothing further.
 */
export function limitSocketEvents(
  socket: ShieldlineSocket,
  options: { perSecond: number; burst: number },
): void {
  let tokens = options.burst;
  let last = Date.now();
  socket.use((packet, next) => {
    const now = Date.now();
    tokens = Math.min(options.burst, tokens + ((now - last) / 1000) * options.perSecond);
    last = now;
    const cost = EVENT_COST[String(packet[0])] ?? 1;
    if (tokens >= cost) {
      tokens -= cost;
      next();
      return;
    }
    socketEventsRefused.inc();
    const ack = packet.at(-1);
    if (typeof ack === 'function')
      ack(errors.rateLimited('too many events from this connection; slow down').toBody());
  });
}

/**
 * A recovered connection (socket.io's connection-state recovery) comes back in the rooms it had
 * before; the handshake has just been checked again and its rooms recomputed, so rooms the user
 * no longer belongs in (a changed unit or department) are left and new ones joined.
 */
export function syncRecoveredRooms(socket: ShieldlineSocket): void {
  const wanted = new Set(socket.data.rooms);
  for (const room of socket.rooms) {
    if (room !== socket.id && !wanted.has(room)) void socket.leave(room);
  }
  void socket.join(socket.data.rooms);
}

/**
 * Logout and disabling disconnect a user's sockets at once (AppContext.endSockets); this catches
 * everything else that ends a session — expiry, idle timeout, a session deleted by hand, a
 * revoked device key — by checking every socket of this process every `intervalMs`. All sockets
 * in one batched check, as background database work: it was two reads and a write per socket,
 * thousands of statements at once with every field officer connected, which alert requests on
 * the embedded database waited behind.
 */
export function watchSocketSessions(io: ShieldlineServer, authenticator: Authenticator, intervalMs: number) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      const sockets = [...io.sockets.sockets.values()].filter((s) => s.connected);
      if (!sockets.length) return;
      const valid = await inBackground(() =>
        authenticator.stillValid(sockets.map((s) => s.data.principal)),
      ).catch((err: unknown) => {
        // An outage of the database is not a reason to drop every console.
        logger.warn({ err }, 'socket session re-check failed');
        return null;
      });
      sockets.forEach((socket, i) => {
        if (valid && valid[i] === false) socket.disconnect(true);
      });
    })().finally(() => {
      running = false;
    });
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
