import { resumeSeq, type StreamCursor } from './streamCursor';

/**
 * A live client's periodic catch-up. Live delivery is at most once in a few corners: a relay
 * killed between committing a sequence and emitting it, or a web process whose Redis adapter
 * missed the other processes' messages while Redis restarted. A connected console never resumes
 * on its own there, so every `CATCH_UP_MS` it replays what the stream holds since its previous
 * check (a reorder window back) and keeps what it lacked; the per-record rule skips the rest.
 * Found by the fault suite (consoles left holding an old version of an incident).
 */
export const CATCH_UP_MS = 30_000;

/** Answers of up to 1,000 events a catch-up pages through before it reloads the snapshot instead. */
export const CATCH_UP_PAGES = 10;

export interface CatchUp {
  /** Where the next replay starts; null until the first check after going live. */
  from: number | null;
  /** Epoch ms of the last check. */
  at: number;
}

export function catchUpStart(): CatchUp {
  return { from: null, at: 0 };
}

/**
 * What to do on a tick: nothing yet, or replay from `from` and, once that answer is applied,
 * start the next one at `next`. The first tick after going live only sets the starting point.
 */
export function catchUpDue(
  catchUp: CatchUp,
  cursor: StreamCursor,
  now: number,
): { ask: false; catchUp: CatchUp } | { ask: true; from: number; next: number } {
  if (catchUp.from === null) return { ask: false, catchUp: { from: resumeSeq(cursor, now), at: now } };
  if (now - catchUp.at < CATCH_UP_MS) return { ask: false, catchUp };
  return { ask: true, from: catchUp.from, next: resumeSeq(cursor, now) };
}
