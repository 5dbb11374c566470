/**
 * npm run bench:prune — the nightly outbox prune (server/outbox/outboxPruner.ts): how fast it
 * removes old rows, and what it costs an alert that arrives while it runs. One in-process
 * runtime (HTTP, relay, workers) on the real Redis, PGlite by default (BENCH_DATABASE=postgres
 * for the test Postgres); a dispatcher console connected.
 *
 * BENCH_PRUNE_ROWS (300,000) published rows 30 days old are written first (a month of a busy
 * bureau's announcements and more). Alerts are posted at BENCH_RATE (4 a second) for
 * BENCH_SECONDS (6) with nothing else running, then again while the prune runs; for each the time
 * from POST to its 201 and to the incident on the console.
 */
import { onStreamEvent } from '@shared/events/onStreamEvent';
import { sql } from 'kysely';
import { inBackground } from '../server/db/queryPriority';
import { pruneOutbox } from '../server/outbox/outboxPruner';
import { raiseAlert } from '../server/testing/alerts';
import type { DatabaseKind } from '../server/testing/databases';
import { connectConsole, loginAs, startTestRuntime } from '../server/testing/testRuntime';
import { percentile } from './latency';

const ROWS = Number(process.env.BENCH_PRUNE_ROWS ?? 300_000);
const RATE = Number(process.env.BENCH_RATE ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const KIND: DatabaseKind = process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'pglite';
const DAY_MS = 24 * 3600 * 1000;

function pct(sorted: number[], p: number): string {
  return sorted.length ? String(Math.round(percentile(sorted, p))) : 'n/a';
}

async function main(): Promise<void> {
  const rt = await startTestRuntime(KIND, { OUTBOX_RETAIN_DAYS: '7' });
  try {
    const db = rt.database.db;
    const unit = JSON.stringify({
      id: '00000000-0000-4000-8000-000000000001',
      callSign: 'BENCH-1',
      departmentId: 'command_center',
      kind: 'patrol_car',
      status: 'available',
      position: null,
    });
    const filled = performance.now();
    // Older than anything the runtime has written, in sequence and id order before it.
    await sql`
      INSERT INTO outbox (topic, aggregate_id, payload, rooms, jobs, stream_seq, created_at, published_at,
        jobs_enqueued_at)
      SELECT 'unit', gen_random_uuid(), ${unit}::jsonb, '["bench-none"]'::jsonb, '[]'::jsonb, nextval('stream_seq'),
        t, t, t
      FROM generate_series(1, ${ROWS}::int) g, LATERAL (SELECT now() - interval '30 days' + g * interval '1 ms' AS t) x`.execute(
      db,
    );
    console.log(
      `${KIND}: ${ROWS.toLocaleString('en')} old rows written in ${Math.round(performance.now() - filled)} ms`,
    );

    const socket = await connectConsole(rt.url, await loginAs(rt.url, 'dispatcher1'));
    // By id as it arrives: the incident can reach the console before its POST has answered.
    const onConsole = new Map<string, number>();
    onStreamEvent(socket, (event) => {
      if (event.topic === 'incident' && !onConsole.has(event.data.id))
        onConsole.set(event.data.id, performance.now());
    });

    /** Alerts at RATE for SECONDS (or until `until` settles); POST→201 and POST→console in ms. */
    async function pacedAlerts(
      until?: Promise<unknown>,
    ): Promise<{ post: number[]; console: number[]; lost: number }> {
      let stop = false;
      void until?.finally(() => {
        stop = true;
      });
      const postedAt = new Map<string, number>();
      const post: number[] = [];
      const inFlight: Promise<void>[] = [];
      const deadline = performance.now() + SECONDS * 1000;
      while (until ? !stop : performance.now() < deadline) {
        const started = performance.now();
        inFlight.push(
          raiseAlert(rt.url).then((incident) => {
            post.push(performance.now() - started);
            postedAt.set(incident.id, started);
          }),
        );
        await new Promise((r) => setTimeout(r, 1000 / RATE));
      }
      await Promise.all(inFlight);
      const ids = [...postedAt.keys()];
      for (const end = Date.now() + 30_000; ids.some((id) => !onConsole.has(id)) && Date.now() < end; )
        await new Promise((r) => setTimeout(r, 20));
      const arrived = ids.flatMap((id) => {
        const at = onConsole.get(id);
        return at === undefined ? [] : [at - (postedAt.get(id) ?? at)];
      });
      return {
        post: post.sort((a, b) => a - b),
        console: arrived.sort((a, b) => a - b),
        lost: ids.length - arrived.length,
      };
    }

    await raiseAlert(rt.url); // warm-up
    const idle = await pacedAlerts();
    const began = performance.now();
    // In the background lane, as the worker runs it (workers/startWorkers.ts).
    const prune = inBackground(() => pruneOutbox(db, new Date(Date.now() - 7 * DAY_MS))).then((r) => ({
      ...r,
      tookMs: performance.now() - began,
    }));
    const during = await pacedAlerts(prune);
    const { tookMs, ...result } = await prune;
    socket.close();

    console.log(
      `prune: ${result.removed.toLocaleString('en')} rows in ${(tookMs / 1000).toFixed(1)} s ` +
        `(${Math.round(result.removed / (tookMs / 1000)).toLocaleString('en')} rows/s, alerts arriving meanwhile)`,
    );
    console.log(
      'alerts at %d/s            n   POST p50/p99 ms   console p50/p99 ms   not on the console',
      RATE,
    );
    for (const [label, r] of [
      ['nothing else running', idle],
      ['during the prune', during],
    ] as const)
      console.log(
        `${label.padEnd(24)} ${String(r.post.length).padStart(3)}   ${pct(r.post, 50).padStart(5)}/${pct(r.post, 99).padEnd(7)}   ` +
          `${pct(r.console, 50).padStart(5)}/${pct(r.console, 99).padEnd(7)}       ${r.lost}`,
      );
  } finally {
    await rt.close();
  }
}

await main();
