import { onStreamEvent } from '@shared/events/onStreamEvent';
import type { ServerToClientEvents } from '@shared/events/socketEvents';
import type { TestSocket } from './testRuntime';

type EventName = keyof ServerToClientEvents;
type Payload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

/**
 * Records every event of one name a socket receives, in order, from now on: the returned array
 * fills as they arrive (read it with waitFor). Defaults to the incident stream, whose events come
 * one by one or in a `stream:v1:batch`: both are recorded, one entry per event.
 */
export function recordEvents<E extends EventName = 'stream:v1:event'>(
  socket: TestSocket,
  event: E = 'stream:v1:event' as E,
): Payload<E>[] {
  const seen: Payload<E>[] = [];
  const listener = (payload: Payload<E>) => {
    seen.push(payload);
  };
  if (event === 'stream:v1:event') {
    onStreamEvent(socket, listener as (e: Payload<'stream:v1:event'>) => void);
    return seen;
  }
  // socket.io's typed `on` cannot relate a generic event name to its listener.
  (socket as unknown as { on(e: string, l: (p: Payload<E>) => void): void }).on(event, listener);
  return seen;
}
