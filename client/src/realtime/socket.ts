import type { ClientToServerEvents, PositionBatch, ServerToClientEvents } from '@shared/events/socketEvents';
import { io, type Socket } from 'socket.io-client';

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The console's one connection, on the page's own origin: the session cookie authenticates it.
 * socket.io reconnects by itself with backoff; consoleStore resumes the stream on every connect.
 */
export function connectSocket(): ConsoleSocket {
  return io({
    path: '/socket.io',
    withCredentials: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.5,
    timeout: 10_000,
  });
}

/**
 * Position batches come many times a second for thousands of units, so they get a cheap shape
 * check instead of a full schema parse; a bad entry is skipped by mergePositions.
 */
export function isPositionBatch(value: unknown): value is PositionBatch {
  if (typeof value !== 'object' || value === null || !('positions' in value)) return false;
  const { positions } = value;
  if ('n' in value && value.n !== undefined && typeof value.n !== 'number') return false;
  return (
    Array.isArray(positions) &&
    positions.every(
      (p: unknown) =>
        typeof p === 'object' &&
        p !== null &&
        'unitId' in p &&
        typeof p.unitId === 'string' &&
        'lat' in p &&
        typeof p.lat === 'number' &&
        'lng' in p &&
        typeof p.lng === 'number' &&
        'at' in p &&
        typeof p.at === 'string',
    )
  );
}
