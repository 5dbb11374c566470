import { AlarmReason } from '@shared/domain/incident';
import type { StreamEvent } from '@shared/events/streamEvent';
import type { Redis } from 'ioredis';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import { inBackground, inForeground } from '../db/queryPriority';
import type { DB } from '../db/schema';
import {
  ENQUEUE_TIMEOUT_MS,
  enqueueJob,
  type OutboxJob,
  parseOutboxJob,
  type Queues,
} from '../jobs/jobCatalog';
import { logger } from '../observability/logger';
import { relayFailures, relayPublished } from '../observability/metrics';
import type { ShieldlineServer } from '../realtime/socketTypes';
import { emitToRooms } from './emitToRooms';
import { watchOutbox } from './outboxHealth';
import { createBatchHold, DEFAULT_STREAM_BATCH_MS, emitBatches } from './streamBatches';
import { toStreamEvent } from './streamReader';

/** Any constants work; they only have to be the same in every process that runs a relay. */
const EVENTS_LOCK = 7_224_411;
const JOBS_LOCK = 7_224_412;
const BATCH = 200;

export interface RelayDeps {
  db: Database;
  /** Postgres serialises relays across processes with an advisory lock; PGlite has one process. */
  databaseKind: 'pglite' | 'postgres';
  io: ShieldlineServer;
  queues: Queues;
  /** The relay pauses while these are not ready: nothing is marked sent that did not go out. */
  redisConnections: Redis[];
  /** Wakes the relay when a commit wrote outbox rows (LISTEN/NOTIFY); polling covers the rest. */
  subscribeCommits?: (onCommit: () => void) => Promise<() => Promise<void>>;
  pollMs?: number;
  /** Attempts at one row before it is dead-lettered (set aside for a person to look at). */
  maxAttempts?: number;
  /** Wait before the second attempt; doubled each time, at most a minute. */
  retryBaseMs?: number;
  enqueueTimeoutMs?: number;
  /** How long a linkage task event may wait in the outbox to share a packet (streamBatches.ts); 0 sends each at once. */
  streamBatchMs?: number;
}

export interface Relay {
  /** Ask for a pass now rather than at the next poll. */
  kick(): void;
  stop(): Promise<void>;
  /** Resolves once everything pending at call time is published or dead-lettered (tests, shutdown). */
  drain(timeoutMs?: number): Promise<void>;
}

type PendingRow = {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
  rooms: string[];
  jobs: unknown[];
  alarm: string | null;
  created_at: Date;
  attempts: number;
};

/**
 * The distress alarm a row sounds. A reason that no longer parses (written by a newer or older
 * version) still sounds, as a new alert: an alarm that should have sounded and did not is the
 * failure that costs an officer; a wrong reason on the console is not.
 */
function alarmOf(row: PendingRow): AlarmReason | null {
  if (row.alarm === null) return null;
  const parsed = AlarmReason.safeParse(row.alarm);
  if (parsed.success) return parsed.data;
  logger.error({ outboxId: row.id, alarm: row.alarm }, 'unknown alarm reason: sounded as a new alert');
  return 'new_alert';
}

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 500);
}

/**
 * Publishes committed outbox rows. A pass has two phases, each of which takes only rows that are
 * due (not waiting out a retry, not dead-lettered):
 * 1. events: give each the next stream sequence and mark it published in one short transaction,
 *    and only once that committed, emit it to its rooms (across processes through the Redis
 *    adapter) and sound the alarm. A failed commit therefore emits nothing, and nothing goes out
 *    twice under two sequence numbers.
 * 2. jobs: enqueue each published row's jobs, outside any transaction and bounded in time (a
 *    stable job id makes a repeat harmless), then mark them enqueued.
 * A row that fails (payload no longer parses, unknown job, Redis refusing writes) is retried with
 * backoff while the rows after it go on, and after `maxAttempts` is dead-lettered: visible on the
 * supervisor view and in /metrics, never blocking what comes after it.
 */
export function startRelay(deps: RelayDeps): Relay {
  let stopped = false;
  const maxAttempts = deps.maxAttempts ?? 5;
  const retryBaseMs = deps.retryBaseMs ?? 1000;
  const enqueueTimeoutMs = deps.enqueueTimeoutMs ?? ENQUEUE_TIMEOUT_MS;

  const hold = createBatchHold(deps.streamBatchMs ?? DEFAULT_STREAM_BATCH_MS, BATCH);

  const redisReady = () => deps.redisConnections.every((r) => r.status === 'ready');

  /** Runs `work` while holding the relay lock, or not at all when another process holds it. */
  async function withLock(key: number, work: (db: Kysely<DB>) => Promise<number>): Promise<number> {
    if (deps.databaseKind === 'pglite') return work(deps.db);
    // A session lock on one pooled connection: held across the Redis calls without holding a transaction open.
    return deps.db.connection().execute(async (conn) => {
      const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${key}) AS locked`.execute(
        conn,
      );
      if (!rows[0]?.locked) return 0;
      try {
        return await work(conn);
      } finally {
        await sql`SELECT pg_advisory_unlock(${key})`.execute(conn);
      }
    });
  }

  async function recordFailure(db: Kysely<DB>, row: PendingRow, phase: 'event' | 'jobs', err: unknown) {
    const attempts = row.attempts + 1;
    const dead = attempts >= maxAttempts;
    relayFailures.inc({ phase, final: String(dead) });
    const now = Date.now();
    await db
      .updateTable('outbox')
      .set({
        attempts,
        last_error: message(err),
        next_attempt_at: new Date(now + Math.min(retryBaseMs * 2 ** (attempts - 1), 60_000)),
        dead_lettered_at: dead ? new Date(now) : null,
      })
      .where('id', '=', row.id)
      .execute();
    const log = { err: message(err), outboxId: row.id, topic: row.topic, attempts, phase };
    if (dead) logger.error(log, 'outbox row dead-lettered: it will not be retried');
    else logger.warn(log, 'outbox row failed; retrying later, the rows after it go on');
  }

  const due = (db: Kysely<DB>) =>
    db
      .selectFrom('outbox')
      .select(['id', 'topic', 'payload', 'rooms', 'jobs', 'alarm', 'created_at', 'attempts'])
      .where('dead_lettered_at', 'is', null)
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', new Date())]))
      .orderBy('id')
      .limit(BATCH);

  async function publishEvents(db: Kysely<DB>): Promise<number> {
    const pending = await due(db).where('published_at', 'is', null).execute();
    const valid: PendingRow[] = [];
    for (const row of pending) {
      try {
        // Checked before a sequence number is spent on it: a payload that no longer parses never will.
        toStreamEvent({ ...row, stream_seq: 1 });
        valid.push(row);
      } catch (err) {
        await recordFailure(db, row, 'event', err);
      }
    }
    if (!valid.length) return pending.length;
    if (hold.holdBack(valid, Date.now())) return 0;
    // Two statements per pass, not two per row: on PGlite every statement costs the one
    // connection that alerts also wait for.
    const published = await db.transaction().execute(async (trx) => {
      const { rows: reserved } = await sql<{ seq: number }>`
        SELECT nextval('stream_seq') AS seq FROM generate_series(1, ${valid.length}::int)`.execute(trx);
      // Sequences follow the outbox order, so each record's events keep the order they were written in.
      const seqs = reserved.map((r) => Number(r.seq)).sort((a, b) => a - b);
      const now = new Date();
      const values = sql.join(
        valid.map(
          (row, i) => sql`(${row.id}::bigint, ${seqs[i]}::bigint, ${row.jobs.length === 0}::boolean)`,
        ),
      );
      const { rows: updated } = await sql<{ id: number }>`
        UPDATE outbox SET
          stream_seq = v.seq,
          published_at = ${now}::timestamptz,
          jobs_enqueued_at = CASE WHEN v.no_jobs THEN ${now}::timestamptz ELSE outbox.jobs_enqueued_at END
        FROM (VALUES ${values}) AS v(id, seq, no_jobs)
        WHERE outbox.id = v.id AND outbox.published_at IS NULL
        RETURNING outbox.id`.execute(trx);
      const marked = new Set(updated.map((r) => Number(r.id)));
      return valid.flatMap((row, i) => (marked.has(row.id) ? [{ row, seq: seqs[i] as number }] : []));
    });
    // Committed: only now does anything leave the process. What a dispatcher acts on goes
    // first, one packet each; linkage tasks follow, one packet per room.
    const batched: Array<{ rooms: string[]; event: StreamEvent }> = [];
    for (const { row, seq } of published) {
      const event = toStreamEvent({ ...row, stream_seq: seq });
      if (hold.batches(event.topic)) {
        batched.push({ rooms: row.rooms, event });
        continue;
      }
      emitToRooms(deps.io, row.rooms, event, alarmOf(row));
    }
    emitBatches(deps.io, batched);
    // Their jobs are due now: waiting for the jobs loop's next poll cost linkage up to a poll.
    if (published.some(({ row }) => row.jobs.length > 0)) jobsLoop.kick();
    relayPublished.inc(published.length);
    return pending.length;
  }

  async function enqueueJobs(db: Kysely<DB>): Promise<number> {
    const pending = await due(db)
      .where('published_at', 'is not', null)
      .where('jobs_enqueued_at', 'is', null)
      .execute();
    // Marked in one statement at the end of the pass. A crash before it enqueues those jobs
    // again on the next pass, which their stable job ids make harmless.
    const enqueued: number[] = [];
    try {
      for (const row of pending) {
        if (!redisReady()) break;
        let jobs: OutboxJob[];
        try {
          jobs = row.jobs.map(parseOutboxJob);
        } catch (err) {
          await recordFailure(db, row, 'jobs', err);
          continue;
        }
        try {
          for (const job of jobs) await enqueueJob(deps.queues, job, enqueueTimeoutMs);
        } catch (err) {
          // Redis went away mid-pass: not this row's fault, so no attempt is spent on it.
          if (!redisReady()) break;
          await recordFailure(db, row, 'jobs', err);
          // Redis refuses or does not answer: the rows after would wait out the same timeout.
          break;
        }
        enqueued.push(row.id);
      }
    } finally {
      if (enqueued.length)
        await db
          .updateTable('outbox')
          .set({ jobs_enqueued_at: new Date() })
          .where('id', 'in', enqueued)
          .execute();
    }
    return pending.length;
  }

  /**
   * One worker loop: a pass now when kicked, else every pollMs, at once again while there is more.
   * Events and jobs run in separate loops (and locks), so a Redis that is slow to take jobs never
   * holds up the next alarm's event.
   */
  function loop(
    name: string,
    lockKey: number,
    work: (db: Kysely<DB>) => Promise<number>,
    priority: <T>(run: () => Promise<T>) => Promise<T>,
    wakeAt?: () => number | undefined,
  ) {
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<number> | undefined;
    let again = false;
    async function run(): Promise<void> {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      clearTimeout(timer);
      running = (redisReady() ? priority(() => withLock(lockKey, work)) : Promise.resolve(0)).catch(
        (err: unknown) => {
          logger.warn({ err, loop: name }, 'outbox relay pass failed; retrying');
          return 0;
        },
      );
      const handled = await running;
      running = undefined;
      if (stopped) return;
      const soon = again || handled === BATCH;
      again = false;
      const pollMs = deps.pollMs ?? 100;
      const untilHeld = wakeAt?.();
      const wait = untilHeld === undefined ? pollMs : Math.max(0, Math.min(pollMs, untilHeld - Date.now()));
      timer = setTimeout(() => void run(), soon ? 0 : wait);
    }
    return {
      kick: () => void run(),
      async stop() {
        clearTimeout(timer);
        await running;
      },
    };
  }

  // Publishing is the alert's path; enqueueing linkage jobs can wait for it (db/queryPriority.ts).
  const jobsLoop = loop('jobs', JOBS_LOCK, enqueueJobs, inBackground);
  const loops = [loop('events', EVENTS_LOCK, publishEvents, inForeground, hold.takeWakeAt), jobsLoop];
  const kick = () => {
    for (const l of loops) l.kick();
  };

  const unwatch = watchOutbox(deps.db);

  let unsubscribe: Promise<() => Promise<void>> | undefined;
  if (deps.subscribeCommits) {
    unsubscribe = deps.subscribeCommits(kick).catch((err: unknown) => {
      logger.warn({ err }, 'outbox commit notifications unavailable; the relay polls');
      return async () => undefined;
    });
  }

  kick();

  return {
    kick,
    async stop() {
      stopped = true;
      unwatch();
      await Promise.all(loops.map((l) => l.stop()));
      await (await unsubscribe)?.();
    },
    async drain(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const row = await deps.db
          .selectFrom('outbox')
          .select('id')
          .where('dead_lettered_at', 'is', null)
          .where('jobs_enqueued_at', 'is', null)
          .limit(1)
          .executeTakeFirst();
        if (!row) return;
        if (Date.now() > deadline) {
          const left = await deps.db
            .selectFrom('outbox')
            .select(['topic', 'published_at', 'attempts', 'last_error'])
            .where('dead_lettered_at', 'is', null)
            .where('jobs_enqueued_at', 'is', null)
            .limit(5)
            .execute();
          throw new Error(`outbox did not drain in time; waiting, among others: ${JSON.stringify(left)}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
