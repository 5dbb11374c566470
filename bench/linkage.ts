/**
 * npm run bench:linkage — alerts in, department tasks out: how many tasks per second the
 * linkage fan-out sustains end to end, and how long from an alert's POST to the task appearing
 * on the department's console (p50/p99). One in-process runtime (HTTP, relay, workers) on the
 * real Redis; PGlite by default, BENCH_DATABASE=postgres for the test Postgres.
 *
 * Two phases: a burst (BENCH_ALERTS, 200, with BENCH_CONCURRENCY, 8, in flight) measures how
 * many tasks per second get through when saturated; then a paced run (BENCH_PACED_ALERTS, 60, at
 * BENCH_RATE, 4 alerts a second) measures the latency a console sees at a steady load.
 */
import fs from 'node:fs';
import os from 'node:os';
import { onStreamEvent } from '@shared/events/onStreamEvent';
import { Redis } from 'ioredis';
import { closeQueues, createQueues } from '../server/queues/queueRegistry';
import { RAMMING_ALERT, raiseAlert } from '../server/testing/alerts';
import type { DatabaseKind } from '../server/testing/databases';
import { connectConsole, loginAs, startTestRuntime, type TestSocket } from '../server/testing/testRuntime';

const ALERTS = Number(process.env.BENCH_ALERTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PACED_ALERTS = Number(process.env.BENCH_PACED_ALERTS ?? 60);
const RATE = Number(process.env.BENCH_RATE ?? 4);
const KIND: DatabaseKind = process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'pglite';
const DEPARTMENTS = [
  'rights_office',
  'traffic',
  'political_work',
  'investigation',
  'logistics',
  'legal',
  'inspection',
];
/** A vehicle ramming with an injured officer makes nine tasks across seven departments (issue #11 rules). */
const TASKS_PER_ALERT = 9;

function ms(sorted: number[], p: number): string {
  if (!sorted.length) return 'n/a';
  return `${sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(0)} ms`;
}

/** `--json FILE`: the same machine-readable summary as bench:alerts, one entry per scenario. */
const jsonFile = (() => {
  const i = process.argv.indexOf('--json');
  return i >= 0 ? process.argv[i + 1] : undefined;
})();

function pct(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);
}

/** CPU (share of one core) and peak RSS of this process (server and bench share it) over a scenario. */
function processWindow() {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let rssPeak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 250);
  return () => {
    clearInterval(timer);
    const used = process.cpuUsage(cpu0);
    return {
      cpuPercent: Math.round(((used.user + used.system) / 1000 / (performance.now() - t0)) * 1000) / 10,
      rssPeakMb: Math.round(rssPeak / 1e5) / 10,
    };
  };
}

function scenario(name: string, latencies: number[], postMs: number[], failed: number, server: object) {
  const posts = [...postMs].sort((a, b) => a - b);
  return {
    scenario: name,
    deliveryMs: { p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99) },
    posts: {
      sent: postMs.length + failed,
      failed,
      slow: postMs.filter((v) => v > 1000).length,
      p50Ms: pct(posts, 50),
      p99Ms: pct(posts, 99),
    },
    server,
    positionsPerS: null,
  };
}

/** Closed on failure too: the runtime's Redis keys and database go with it. */
let running: { close(): Promise<void> } | undefined;

async function main(): Promise<void> {
  const rt = await startTestRuntime(KIND, {
    // Nobody acknowledges in a benchmark: keep the ladders out of the measurement.
    UNACKED_LADDER_S: '3600,3601,3602',
    // The batching window under test, when set (0 sends every stream event alone).
    ...(process.env.STREAM_BATCH_MS ? { STREAM_BATCH_MS: process.env.STREAM_BATCH_MS } : {}),
  });
  running = rt;
  const postedAt = new Map<string, number>();
  const latencies: number[] = [];
  const seenTasks = new Set<string>();
  let lastArrival = 0;
  const sockets: TestSocket[] = [];
  for (const department of DEPARTMENTS) {
    const socket = await connectConsole(rt.url, await loginAs(rt.url, department));
    onStreamEvent(socket, (event) => {
      if (event.topic !== 'task' || seenTasks.has(event.data.id)) return;
      const started = postedAt.get(event.data.incidentId);
      if (started === undefined) return;
      seenTasks.add(event.data.id);
      lastArrival = performance.now();
      latencies.push(lastArrival - started);
    });
    sockets.push(socket);
  }

  // Warm up (JIT, connection pools, first queries) outside the measurement.
  const warm = await raiseAlert(rt.url, RAMMING_ALERT);
  await waitForTasks(() => seenTasks.size, 0);
  postedAt.delete(warm.id);

  async function waitForIdleWorkers(): Promise<number> {
    const redis = new Redis(rt.ctx.config.REDIS_URL, { maxRetriesPerRequest: 1 });
    const queues = createQueues(redis, rt.ctx.config.REDIS_PREFIX);
    const started = performance.now();
    try {
      for (const deadline = Date.now() + 180_000; Date.now() < deadline; ) {
        const counts = await Promise.all(
          [queues.linkage, queues.delivery].map((q) => q.getJobCounts('waiting', 'active', 'prioritized')),
        );
        if (counts.every((c) => Object.values(c).every((n) => n === 0))) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await closeQueues(queues);
      redis.disconnect();
    }
    return (performance.now() - started) / 1000;
  }

  async function waitForTasks(count: () => number, expected: number): Promise<void> {
    const deadline = Date.now() + 180_000;
    while (count() < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // The relay enqueues linkage jobs at background priority, behind the alerts: after a burst it
    // can lag the last task by more than 30 s on two cores.
    await rt.relay.drain(120_000);
  }

  const burstPostMs: number[] = [];
  const pacedPostMs: number[] = [];
  let burstFailed = 0;
  let pacedFailed = 0;
  // Burst: everything at once, as many in flight as BENCH_CONCURRENCY.
  const burstWindow = processWindow();
  const began = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ALERTS) {
        next++;
        const started = performance.now();
        try {
          const { id } = await raiseAlert(rt.url, RAMMING_ALERT);
          burstPostMs.push(performance.now() - started);
          postedAt.set(id, started);
        } catch {
          burstFailed++;
        }
      }
    }),
  );
  const burstExpected = ALERTS * TASKS_PER_ALERT;
  await waitForTasks(() => seenTasks.size, burstExpected);
  const burstSeen = seenTasks.size;
  const elapsedS = (lastArrival - began) / 1000;
  const burstLatencies = latencies.splice(0).sort((a, b) => a - b);
  const burstServer = burstWindow();
  // The burst's deliveries are still queued when its last task shows: the paced phase measures a
  // steady load, so it starts once the workers have caught up.
  const backlogS = await waitForIdleWorkers();
  const pacedWindow = processWindow();

  // Paced: a steady arrival rate well under saturation, the way alerts really come in.
  const pacedStart = seenTasks.size;
  const posts: Promise<void>[] = [];
  for (let i = 0; i < PACED_ALERTS; i++) {
    posts.push(
      (async () => {
        const started = performance.now();
        try {
          const { id } = await raiseAlert(rt.url, RAMMING_ALERT);
          pacedPostMs.push(performance.now() - started);
          postedAt.set(id, started);
        } catch {
          pacedFailed++;
        }
      })(),
    );
    await new Promise((r) => setTimeout(r, 1000 / RATE));
  }
  await Promise.all(posts);
  const pacedExpected = PACED_ALERTS * TASKS_PER_ALERT;
  await waitForTasks(() => seenTasks.size - pacedStart, pacedExpected);
  const paced = latencies.splice(0).sort((a, b) => a - b);
  const pacedServer = pacedWindow();
  if (jsonFile) {
    const summary = {
      bench: 'linkage',
      at: new Date().toISOString(),
      machine: { cores: os.cpus().length, node: process.version, loadAverageAtStart: os.loadavg()[0] },
      topology: `one process (server and bench together), ${KIND}`,
      scenarios: [
        {
          ...scenario('burst', burstLatencies, burstPostMs, burstFailed, burstServer),
          tasksPerS: burstSeen / elapsedS,
          deliveryBacklogS: Math.round(backlogS * 10) / 10,
        },
        scenario(`paced, ${RATE} alerts/s`, paced, pacedPostMs, pacedFailed, pacedServer),
      ],
    };
    fs.writeFileSync(jsonFile, `${JSON.stringify(summary, null, 2)}\n`);
  }

  const line = (label: string, value: string) => process.stdout.write(`  ${label.padEnd(40)} ${value}\n`);
  process.stdout.write(
    `\nShieldline linkage bench (${KIND}, Redis ${rt.ctx.config.REDIS_URL}, one process)\n`,
  );
  line('burst', `${ALERTS} alerts (vehicle ramming, officer injured), ${CONCURRENCY} in flight`);
  line('  tasks on department consoles', `${burstSeen} of ${burstExpected}`);
  line('  tasks per second', (burstSeen / elapsedS).toFixed(1));
  line('  alert → department console p50 / p99', `${ms(burstLatencies, 50)} / ${ms(burstLatencies, 99)}`);
  line(
    '  deliveries still queued after',
    `${backlogS.toFixed(1)} s (the paced run starts once they are done)`,
  );
  line('paced', `${PACED_ALERTS} alerts at ${RATE} a second (${RATE * TASKS_PER_ALERT} tasks a second)`);
  line('  tasks on department consoles', `${paced.length} of ${pacedExpected}`);
  line('  alert → department console p50 / p99', `${ms(paced, 50)} / ${ms(paced, 99)}`);
  line(
    'machine',
    `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
  );
  const complete = burstSeen === burstExpected && paced.length === pacedExpected;

  for (const s of sockets) s.close();
  running = undefined;
  await rt.close();
  if (!complete) {
    process.stderr.write('not every task reached its console in time\n');
    process.exit(1);
  }
  process.exit(0);
}

main().catch(async (err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  await running?.close().catch(() => undefined);
  process.exit(1);
});
