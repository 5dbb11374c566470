import { randomBytes } from 'node:crypto';
import { type PositionBatch, PositionBatch as PositionBatchSchema } from '@shared/events/socketEvents';
import type { Redis } from 'ioredis';
import { logger } from '../observability/logger';
import { ROOM_ALL } from '../realtime/rooms';
import type { ShieldlineServer } from '../realtime/socketTypes';
import type { PositionFlow } from './positionFlow';
import type { StoredPosition } from './positionStore';

export const BROADCAST_INTERVAL_MS = 500;

/** The server, or a way to reach it once it exists: runtime.ts builds routes before the gateway. */
export type IoSource = ShieldlineServer | (() => ShieldlineServer | undefined);

export const positionChannel = (prefix: string) => `${prefix}:units:positions`;

export interface PositionBroadcaster {
  record(unitId: string, position: StoredPosition): void;
  /** Emits what changed now rather than at the next tick. */
  flush(): void;
  stop(): Promise<void>;
}

export interface CrossProcess {
  /** Fail-fast connection the batches are published on. */
  publisher: Redis;
  /** A connection this broadcaster puts into subscriber mode (it cannot issue other commands). */
  subscriber: Redis;
  prefix: string;
}

/**
 * Coalesces accepted reports into one `units:v1:positions` batch per interval holding only the
 * units that moved since the last one. The emit is volatile, and a console that has not confirmed
 * the batches before is skipped (positionFlow.ts): a console that is busy or away misses a batch
 * rather than queueing stale positions ahead of alerts, and the next batch or its snapshot
 * brings it up to date.
 *
 * Batches cross processes on a plain Redis pub/sub channel, never through the socket.io
 * Streams adapter: the adapter's stream keeps up to 100 000 entries, which position traffic
 * alone would fill with gigabytes under `noeviction`, after which Redis refuses the outbox relay
 * and BullMQ (issue #10 item 14). Pub/sub keeps nothing: a process that is away misses batches,
 * which is what a volatile update means anyway. Each process emits batches to its own sockets
 * only (`io.local`), its own ones directly and the others' as they arrive.
 */
export function createPositionBroadcaster(
  io: IoSource,
  flow: PositionFlow,
  intervalMs = BROADCAST_INTERVAL_MS,
  crossProcess?: CrossProcess,
): PositionBroadcaster {
  let changed = new Map<string, StoredPosition>();
  const origin = randomBytes(6).toString('hex');
  const server = () => (typeof io === 'function' ? io() : io);

  function emitLocal(batch: PositionBatch | string): void {
    const target = server();
    if (!target) return;
    const parsed = typeof batch === 'string' ? PositionBatchSchema.safeParse(JSON.parse(batch)) : null;
    if (parsed && !parsed.success) {
      logger.warn({ issues: parsed.error.issues.slice(0, 3) }, 'foreign position batch ignored');
      return;
    }
    const { positions } = parsed ? parsed.data : (batch as PositionBatch);
    // Numbered by this process, whichever process the positions came from.
    const { n, behind } = flow.next(target, ROOM_ALL);
    target.local.to(ROOM_ALL).except(behind).volatile.emit('units:v1:positions', { positions, n });
  }

  const channel = crossProcess ? positionChannel(crossProcess.prefix) : null;
  if (crossProcess && channel) {
    crossProcess.subscriber.on('message', (from: string, message: string) => {
      if (from !== channel) return;
      // `origin|json`: a process already emitted its own batch to its own sockets.
      const bar = message.indexOf('|');
      if (bar < 0 || message.slice(0, bar) === origin) return;
      try {
        emitLocal(message.slice(bar + 1));
      } catch (err) {
        logger.warn({ err }, 'unreadable position batch ignored');
      }
    });
    crossProcess.subscriber.subscribe(channel).catch((err: unknown) => {
      // ioredis resubscribes on reconnection; until then other processes' units are not shown live.
      logger.warn({ err }, 'position channel not subscribed yet');
    });
  }

  function flush(): void {
    if (changed.size === 0) return;
    const batch: PositionBatch = {
      positions: [...changed].map(([unitId, p]) => ({
        unitId,
        lat: p.lat,
        lng: p.lng,
        ...(p.accuracyM === undefined ? {} : { accuracyM: p.accuracyM }),
        at: p.at,
      })),
    };
    changed = new Map();
    emitLocal(batch);
    if (crossProcess && channel && crossProcess.publisher.status === 'ready') {
      // Volatile: a batch that cannot be published is replaced by the next one.
      crossProcess.publisher.publish(channel, `${origin}|${JSON.stringify(batch)}`).catch(() => undefined);
    }
  }

  const timer = setInterval(flush, intervalMs);
  timer.unref();

  return {
    record(unitId, position) {
      const pending = changed.get(unitId);
      if (!pending || pending.at < position.at) changed.set(unitId, position);
    },
    flush,
    async stop() {
      clearInterval(timer);
      changed.clear();
      if (crossProcess && channel) await crossProcess.subscriber.unsubscribe(channel).catch(() => undefined);
    },
  };
}
