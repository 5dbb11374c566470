import { ResumeResponse } from '@shared/events/socketEvents';
import { StreamEvent } from '@shared/events/streamEvent';
import type { ConsoleSocket } from './socket';
import { isFresh, type StreamCursor } from './streamCursor';

/**
 * The one client stream engine's rules, shared by the console (and the department inbox and
 * supervisor view built on it) and the field app:
 * - every event that arrives is parsed with the shared schema; a malformed one is dropped;
 * - a snapshot sets the stream cursor to its headSeq;
 * - an event is applied once, in seq order, only if newer than the snapshot and than the version
 *   held of its own record (streamCursor.ts says why per record);
 * - while a snapshot or a resume is in flight, live events are held and released after it;
 * - a resume asks for everything after where the stream stood a reorder window ago; an
 *   incomplete answer means reload.
 */

/** A stream event as it came off the socket, checked; null (and a warning) when malformed. */
export function parseStreamEvent(raw: unknown): StreamEvent | null {
  const parsed = StreamEvent.safeParse(raw);
  if (parsed.success) return parsed.data;
  console.warn('dropped a malformed stream event', parsed.error.issues);
  return null;
}

/**
 * A `stream:v1:batch`, checked event by event: one malformed event is dropped and the rest
 * applied, as if they had come one by one.
 */
export function parseStreamBatch(raw: unknown): StreamEvent[] {
  const events = raw && typeof raw === 'object' && 'events' in raw ? raw.events : undefined;
  if (!Array.isArray(events)) {
    console.warn('dropped a malformed stream batch');
    return [];
  }
  return events.map(parseStreamEvent).filter((e): e is StreamEvent => e !== null);
}

/** The answer to `sync:v1:resume`, checked; null when it is an error, malformed or missing. */
export function parseResumeAnswer(answer: unknown): ResumeResponse | null {
  const data = answer && typeof answer === 'object' && 'data' in answer ? answer.data : undefined;
  const parsed = ResumeResponse.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** Asks for every event after `sinceSeq`; null when the server did not answer in time or well. */
export async function askResume(
  socket: ConsoleSocket,
  sinceSeq: number,
  timeoutMs: number,
): Promise<ResumeResponse | null> {
  try {
    return parseResumeAnswer(await socket.timeout(timeoutMs).emitWithAck('sync:v1:resume', { sinceSeq }));
  } catch {
    return null; // timed out
  }
}

/** A live event held while a snapshot or resume is in flight (unchanged if already held or applied). */
export function holdEvent(
  buffer: readonly StreamEvent[],
  event: StreamEvent,
  cursor: StreamCursor,
): readonly StreamEvent[] {
  if (!isFresh(cursor, event)) return buffer;
  if (buffer.some((e) => e.seq === event.seq)) return buffer;
  return [...buffer, event];
}
