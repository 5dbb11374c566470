import type { StreamEvent } from '@shared/events/streamEvent';

/**
 * Where a client stands in the sequenced stream.
 *
 * Sequences are global, but with several web processes they do not arrive in global order: each
 * process delivers the events its own relay published at once and the others' through the Redis
 * adapter a few milliseconds later, so N+1 can overtake N. A single "last applied seq" would then
 * drop N for good. Every event carries the whole record, so the order that matters is per record:
 * an event is applied when it is newer than what the client holds of the same record, whatever
 * came in between for other records.
 *
 * A resume must also cover an event still in flight when the connection dropped, so it starts
 * not from the newest seq applied but from where the stream stood `REORDER_WINDOW_MS` earlier;
 * anything replayed twice is skipped by the per-record rule.
 */
export interface StreamCursor {
  /** The snapshot's head: everything at or below it is in the snapshot. */
  readonly baseSeq: number;
  /** The newest seq applied (or the snapshot's head). */
  readonly lastSeq: number;
  /** The seq of the version held of each record, by `topic:id`, for records changed since the snapshot. */
  readonly records: ReadonlyMap<string, number>;
  /** `lastSeq` as it grew, oldest first, kept for `REORDER_WINDOW_MS` (and the last one before). */
  readonly marks: readonly StreamMark[];
}

interface StreamMark {
  readonly at: number;
  readonly seq: number;
}

/**
 * How long an event may trail a later one. The gap seen between processes is milliseconds; a
 * wider window only makes a resume replay a few more events, which the per-record rule skips.
 */
export const REORDER_WINDOW_MS = 5000;

export function cursorAt(headSeq: number): StreamCursor {
  return { baseSeq: headSeq, lastSeq: headSeq, records: new Map(), marks: [] };
}

const recordKey = (event: StreamEvent) => `${event.topic}:${event.data.id}`;

/** Newer than the snapshot and than the version held of its record. */
export function isFresh(cursor: StreamCursor, event: StreamEvent): boolean {
  return event.seq > cursor.baseSeq && event.seq > (cursor.records.get(recordKey(event)) ?? 0);
}

/** The events still to apply, once each and in seq order (so a record ends at its newest version). */
export function freshEvents(events: readonly StreamEvent[], cursor: StreamCursor): StreamEvent[] {
  const fresh = events.filter((e) => isFresh(cursor, e)).sort((a, b) => a.seq - b.seq);
  return fresh.filter((e, i) => i === 0 || e.seq !== fresh[i - 1]?.seq);
}

/** The cursor after applying `applied` (fresh events, in seq order) at `now`. */
export function advanceCursor(
  cursor: StreamCursor,
  applied: readonly StreamEvent[],
  now: number,
): StreamCursor {
  if (applied.length === 0) return cursor;
  const records = new Map(cursor.records);
  let lastSeq = cursor.lastSeq;
  for (const event of applied) {
    records.set(recordKey(event), event.seq);
    lastSeq = Math.max(lastSeq, event.seq);
  }
  if (lastSeq === cursor.lastSeq) return { ...cursor, records };
  return {
    ...cursor,
    records,
    lastSeq,
    marks: pruneMarks([...cursor.marks, { at: now, seq: lastSeq }], now),
  };
}

/** Keeps the marks inside the window and the newest one before it, which `resumeSeq` needs. */
function pruneMarks(marks: readonly StreamMark[], now: number): readonly StreamMark[] {
  const edge = now - REORDER_WINDOW_MS;
  let firstInside = marks.findIndex((m) => m.at > edge);
  if (firstInside === -1) firstInside = marks.length;
  return marks.slice(Math.max(0, firstInside - 1));
}

/** The seq to resume after: where the stream stood a reorder window ago (the snapshot's head at the earliest). */
export function resumeSeq(cursor: StreamCursor, now: number): number {
  const edge = now - REORDER_WINDOW_MS;
  let seq = cursor.baseSeq;
  for (const mark of cursor.marks) {
    if (mark.at > edge) break;
    seq = mark.seq;
  }
  return Math.min(seq, cursor.lastSeq);
}
