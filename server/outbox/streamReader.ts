import { StreamEvent } from '@shared/events/streamEvent';
import { sql } from 'kysely';
import type { Database } from '../db/database';
import { prunedThrough } from './outboxPruner';

/** More than this many missed events and a console reloads its snapshot instead of replaying. */
export const MAX_REPLAY = 1000;

export function toStreamEvent(row: {
  id: number;
  topic: string;
  payload: unknown;
  stream_seq: number | null;
  created_at: Date | string;
}): StreamEvent {
  return StreamEvent.parse({
    seq: row.stream_seq,
    eventId: row.id,
    at: new Date(row.created_at).toISOString(),
    topic: row.topic,
    data: row.payload,
  });
}

export async function headSeq(db: Database): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select(sql<number | null>`max(stream_seq)`.as('head'))
    .executeTakeFirst();
  return row?.head ?? 0;
}

/** Published events after `sinceSeq` that a connection in `rooms` may see, in stream order. */
export async function readStream(
  db: Database,
  sinceSeq: number,
  rooms: readonly string[],
): Promise<{ events: StreamEvent[]; complete: boolean; headSeq: number }> {
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'topic', 'payload', 'rooms', 'stream_seq', 'created_at'])
    .where('stream_seq', '>', sinceSeq)
    .orderBy('stream_seq')
    .limit(MAX_REPLAY + 1)
    .execute();
  // Rows after `sinceSeq` were removed by the pruner: what is left would replay with a hole.
  // Asked after the rows, so a prune that commits in between is caught too.
  if (sinceSeq < (await prunedThrough(db))) return { events: [], complete: false, headSeq: sinceSeq };
  const complete = rows.length <= MAX_REPLAY;
  const allowed = new Set(rooms);
  const visible = rows.slice(0, MAX_REPLAY).filter((r) => r.rooms.some((room) => allowed.has(room)));
  const last = rows.at(complete ? -1 : MAX_REPLAY - 1)?.stream_seq ?? sinceSeq;
  return { events: visible.map(toStreamEvent), complete, headSeq: last ?? sinceSeq };
}
