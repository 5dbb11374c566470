import type { PositionBatch } from '@shared/events/socketEvents';
import { ROOM_ALL } from '../realtime/rooms';
import type { ShieldlineServer } from '../realtime/socketTypes';
import type { StoredPosition } from './positionStore';

export const BROADCAST_INTERVAL_MS = 500;

/** The server, or a way to reach it once it exists: runtime.ts builds routes before the gateway. */
export type IoSource = ShieldlineServer | (() => ShieldlineServer | undefined);

export interface PositionBroadcaster {
  record(unitId: string, position: StoredPosition): void;
  /** Emits what changed now rather than at the next tick. */
  flush(): void;
  stop(): void;
}

/**
 * Coalesces accepted reports into one `units:v1:positions` batch per interval holding only the
 * units that moved since the last one. The emit is volatile: a console that is busy or away
 * skips a batch rather than queueing stale positions, and the next batch or its snapshot
 * brings it up to date. Each process sends what it received; the Redis adapter fans it out.
 */
export function createPositionBroadcaster(
  io: IoSource,
  intervalMs = BROADCAST_INTERVAL_MS,
): PositionBroadcaster {
  let changed = new Map<string, StoredPosition>();

  function flush(): void {
    if (changed.size === 0) return;
    const server = typeof io === 'function' ? io() : io;
    if (!server) return;
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
    server.to(ROOM_ALL).volatile.emit('units:v1:positions', batch);
  }

  const timer = setInterval(flush, intervalMs);
  timer.unref();

  return {
    record(unitId, position) {
      const pending = changed.get(unitId);
      if (!pending || pending.at < position.at) changed.set(unitId, position);
    },
    flush,
    stop() {
      clearInterval(timer);
      changed.clear();
    },
  };
}
