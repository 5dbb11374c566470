import { sql } from 'kysely';
import { Gauge } from 'prom-client';
import type { Database } from '../db/database';
import { metricsRegistry } from '../observability/metrics';

export interface OutboxHealth {
  /** Rows whose event or jobs have not gone out yet (dead letters excluded). */
  pending: number;
  /** Age of the oldest of those, in seconds; 0 when none. */
  oldestPendingS: number;
  deadLettered: number;
}

/**
 * What consoles, the supervisor view and /metrics are told about the outbox. A row's jobs are
 * marked enqueued only once its event is out, so "jobs not enqueued" covers both (and uses the
 * partial index outbox_jobs_pending).
 */
export async function readOutboxHealth(db: Database): Promise<OutboxHealth> {
  const [pending, dead] = await Promise.all([
    db
      .selectFrom('outbox')
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number | null>`extract(epoch FROM now() - min(created_at))`.as('oldest'),
      ])
      .where('jobs_enqueued_at', 'is', null)
      .where('dead_lettered_at', 'is', null)
      .executeTakeFirst(),
    db
      .selectFrom('outbox')
      .select(sql<number>`count(*)`.as('n'))
      .where('dead_lettered_at', 'is not', null)
      .executeTakeFirst(),
  ]);
  return {
    pending: Number(pending?.n ?? 0),
    oldestPendingS: Math.max(0, Math.round(Number(pending?.oldest ?? 0))),
    deadLettered: Number(dead?.n ?? 0),
  };
}

const watched = new Set<Database>();
let last: Promise<OutboxHealth> | undefined;

/** One read per scrape serves all three gauges; each database a relay watches is summed. */
function readAll(): Promise<OutboxHealth> {
  last ??= Promise.all([...watched].map((db) => readOutboxHealth(db).catch(() => null)))
    .then((all) =>
      all.reduce<OutboxHealth>(
        (sum, h) =>
          h
            ? {
                pending: sum.pending + h.pending,
                oldestPendingS: Math.max(sum.oldestPendingS, h.oldestPendingS),
                deadLettered: sum.deadLettered + h.deadLettered,
              }
            : sum,
        { pending: 0, oldestPendingS: 0, deadLettered: 0 },
      ),
    )
    .finally(() => {
      setTimeout(() => {
        last = undefined;
      }, 200).unref();
    });
  return last;
}

function healthGauge(name: string, help: string, pick: (h: OutboxHealth) => number): void {
  new Gauge({
    name,
    help,
    registers: [metricsRegistry],
    async collect() {
      this.set(pick(await readAll()));
    },
  });
}

healthGauge(
  'shieldline_outbox_pending',
  'Outbox rows whose event or jobs have not gone out yet',
  (h) => h.pending,
);
healthGauge(
  'shieldline_outbox_oldest_pending_seconds',
  'Age of the oldest outbox row not yet out (0 when none): delivery is stuck when this grows',
  (h) => h.oldestPendingS,
);
healthGauge(
  'shieldline_outbox_dead_lettered',
  'Outbox rows the relay gave up on after bounded attempts; each needs a person to look at it',
  (h) => h.deadLettered,
);

/** Adds a database's outbox to /metrics (read at scrape time); the returned function takes it off. */
export function watchOutbox(db: Database): () => void {
  watched.add(db);
  return () => watched.delete(db);
}
