import { AlarmReason } from '@shared/domain/incident';
import type { StreamEvent } from '@shared/events/streamEvent';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Database } from '../db/database';
import { minimiseForDepartment } from '../incidents/incidentMinimise';
import { logger } from '../observability/logger';
import { outboxPending, relayPublished } from '../observability/metrics';
import type { Queues } from '../queues/queueRegistry';
import { DEPARTMENT_ROOM_PREFIX } from '../realtime/rooms';
import type { ShieldlineServer } from '../realtime/socketTypes';
import type { OutboxJob } from './outboxWriter';
import { toStreamEvent } from './streamReader';

/** Any constant works; it only has to be the same in every process that runs a relay. */
const RELAY_LOCK = 7_224_411;
const BATCH = 200;

export interface RelayDeps {
  db: Database;
  io: ShieldlineServer;
  queues: Queues;
  /** The relay pauses while these are not ready: nothing is marked sent that did not go out. */
  redisConnections: Redis[];
  onAlarm?: (event: Extract<StreamEvent, { topic: 'incident' }>, reason: AlarmReason) => void;
  pollMs?: number;
}

export interface Relay {
  /** Ask for a pass now rather than at the next poll (after a local commit). */
  kick(): void;
  stop(): Promise<void>;
  /** Resolves once everything pending at call time is published (tests, shutdown). */
  drain(timeoutMs?: number): Promise<void>;
}

async function enqueue(queues: Queues, job: OutboxJob): Promise<void> {
  const queue = queues[job.queue as keyof Queues];
  if (!queue) throw new Error(`outbox names unknown queue ${job.queue}`);
  await queue.add(job.name, job.data, { jobId: job.jobId, ...(job.delayMs ? { delay: job.delayMs } : {}) });
}

/**
 * Department consoles get the same minimised incident their webhook gets (no officers, no
 * description, content URLs only for 网安); every other room gets the event as written. A socket
 * in both kinds of room (none today) gets the full one only.
 */
function emitToRooms(io: ShieldlineServer, rooms: string[], event: StreamEvent): void {
  if (!rooms.length) return;
  if (event.topic !== 'incident') {
    io.to(rooms).emit('stream:v1:event', event);
    return;
  }
  const departments = rooms.filter((r) => r.startsWith(DEPARTMENT_ROOM_PREFIX));
  const others = rooms.filter((r) => !r.startsWith(DEPARTMENT_ROOM_PREFIX));
  if (others.length) io.to(others).emit('stream:v1:event', event);
  for (const room of departments) {
    const data = minimiseForDepartment(event.data, room.slice(DEPARTMENT_ROOM_PREFIX.length));
    io.to(room)
      .except(others)
      .emit('stream:v1:event', { ...event, data });
  }
}

/**
 * Publishes committed outbox rows in order: gives each the next stream sequence, emits it to
 * its rooms (across server processes through the Redis adapter), enqueues its jobs, and marks
 * it sent, all under one transaction-scoped advisory lock so only one relay at a time runs
 * and order holds. A failure rolls back the marks; the rows go out on the next pass.
 */
export function startRelay(deps: RelayDeps): Relay {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;

  const redisReady = () => deps.redisConnections.every((r) => r.status === 'ready');

  async function pass(): Promise<number> {
    if (!redisReady()) return 0;
    return deps.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{
        locked: boolean;
      }>`SELECT pg_try_advisory_xact_lock(${RELAY_LOCK}) AS locked`.execute(trx);
      if (!rows[0]?.locked) return 0;
      const pending = await trx
        .selectFrom('outbox')
        .select(['id', 'topic', 'payload', 'rooms', 'jobs', 'alarm', 'created_at'])
        .where('published_at', 'is', null)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      for (const row of pending) {
        const { rows: seqRows } = await sql<{ seq: number }>`SELECT nextval('stream_seq') AS seq`.execute(
          trx,
        );
        const seq = seqRows[0]?.seq ?? 0;
        for (const job of row.jobs as OutboxJob[]) await enqueue(deps.queues, job);
        await trx
          .updateTable('outbox')
          .set({ stream_seq: seq, published_at: new Date() })
          .where('id', '=', row.id)
          .execute();
        const event = toStreamEvent({ ...row, stream_seq: seq });
        emitToRooms(deps.io, row.rooms, event);
        if (event.topic === 'incident' && row.alarm) deps.onAlarm?.(event, AlarmReason.parse(row.alarm));
      }
      relayPublished.inc(pending.length);
      return pending.length;
    });
  }

  async function loop(): Promise<void> {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = pass().catch((err: unknown) => {
      logger.warn({ err }, 'outbox relay pass failed; retrying');
      return 0;
    });
    const published = await running;
    running = undefined;
    if (stopped) return;
    const soon = again || published === BATCH;
    again = false;
    timer = setTimeout(() => void loop(), soon ? 0 : (deps.pollMs ?? 100));
  }

  const gauge = setInterval(() => {
    deps.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('published_at', 'is', null)
      .executeTakeFirst()
      .then((r) => outboxPending.set(Number(r?.n ?? 0)))
      .catch(() => undefined);
  }, 5000);
  gauge.unref();

  void loop();

  return {
    kick: () => void loop(),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(gauge);
      await running;
    },
    async drain(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const row = await deps.db
          .selectFrom('outbox')
          .select('id')
          .where('published_at', 'is', null)
          .limit(1)
          .executeTakeFirst();
        if (!row) return;
        if (Date.now() > deadline) throw new Error('outbox did not drain in time');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
