import type { StreamBatch } from './socketEvents';
import type { StreamEvent } from './streamEvent';

/** What a socket.io client socket typed with ServerToClientEvents offers for the stream. */
export interface StreamSource {
  on(event: 'stream:v1:event', listener: (event: StreamEvent) => void): unknown;
  on(event: 'stream:v1:batch', listener: (batch: StreamBatch) => void): unknown;
}

/**
 * Calls `listener` for every stream event the socket receives, whether it came alone or in a
 * batch, in the order sent. For trusted listeners (tests, benches, tools); the apps parse each
 * event with zod first (client/src/realtime/stream.ts).
 */
export function onStreamEvent(socket: StreamSource, listener: (event: StreamEvent) => void): void {
  socket.on('stream:v1:event', listener);
  socket.on('stream:v1:batch', (batch) => {
    for (const event of batch.events) listener(event);
  });
}
