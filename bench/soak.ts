/**
 * npm run bench:soak — server memory per connected console, and whether it stays flat.
 *
 *   npm run bench:soak -- [--minutes 30] [--consoles 1000] [--topology embedded|cluster]
 *     [--units 200] [--transport http|socket] [--alert-every 10] [--sample-every 30]
 *     [--warmup 30] [--json FILE]
 *
 * The server (bench/topology.ts) starts with `--units` units reporting once a second and an
 * alert raised every `--alert-every` seconds (acknowledged a second later), and runs so for
 * `--warmup` seconds, so that what the traffic itself costs (code compiled, pools, caches) is in
 * the baseline: the RSS of the server processes that hold consoles (summed: the one process,
 * or the web processes and the balancer of a cluster) and their V8 heap (from /metrics),
 * the lowest of the readings every 5 s over the warm-up's second half.
 * Then `--consoles` socket.io consoles connect as dispatcher1 and stay for `--minutes`
 * (BENCH_SOAK_MIN) with the same traffic. Every `--sample-every` seconds a sample: the lowest
 * RSS and heap read over its window (every 5 s), the sockets the server counts, and the delivery
 * of the alerts since the previous sample.
 *
 * Memory per console = (RSS − baseline RSS) ÷ consoles connected. Flat or growing: the
 * least-squares slope of RSS over the soak, projected over its length, against 10 % of what the
 * consoles took (RSS − baseline, the median over the samples: the first sample alone can fall
 * in a trough of the allocator and make any growth look large) (the issue's target: ≤ 64 KB per
 * console, flat over 30 min).
 *
 * On the embedded topology the server also gets an inspector on loopback, and each sample (and the
 * baseline) ends with a forced full collection and a reading of the heap left
 * (bench/retainedHeap.ts): what the consoles actually keep, without V8's sizing between
 * collections. It is judged the same way (per console at the end, and its fitted growth against
 * 10 % of the median the consoles kept).
 */
import fs from 'node:fs';
import os from 'node:os';
import { AlertPoster, postOnSchedule, wallNow } from './alertPoster';
import { SLOW_POST_MS } from './alertsReport';
import { numberFlag, optionalFlag, stringFlag } from './benchArgs';
import { freePortBlock } from './freePorts';
import { nextMessage, send } from './ipc';
import { percentile, summarize } from './latency';
import { type PositionLoad, startPositionLoad, TRANSPORTS, type Transport } from './positionLoad';
import { readRssBytes } from './procStats';
import { RetainedHeap } from './retainedHeap';
import { readAllMetrics } from './serverMetrics';
import { startSocketConsoles } from './socketConsoles';
import { Teardown } from './teardown';
import { login, startTopology, TOPOLOGY_KINDS, type Topology, type TopologyKind } from './topology';
import { slope } from './trend';

const MINUTES = numberFlag('minutes', 'BENCH_SOAK_MIN', 30);
const CONSOLES = numberFlag('consoles', 'BENCH_CONSOLES', 1000);
const UNITS = numberFlag('units', 'BENCH_SOAK_UNITS', 200);
const ALERT_EVERY_S = numberFlag('alert-every', null, 10);
const SAMPLE_EVERY_S = numberFlag('sample-every', null, 30);
/** A long soak can afford a longer warm-up, and its baseline needs one: a fresh process's RSS settles for minutes. */
const WARMUP_S = numberFlag('warmup', null, Math.min(120, Math.max(30, MINUTES * 4)));
const KIND = stringFlag('topology', 'BENCH_TOPOLOGY', 'embedded') as TopologyKind;
const TRANSPORT = stringFlag('transport', null, 'http') as Transport;
const JSON_FILE = optionalFlag('json');
/** The issue's ceiling for server memory per connected console. */
const TARGET_KB_PER_CONSOLE = 64;
/** Growing: the fitted growth over the soak exceeds this share of what the consoles took at first. */
const GROWTH_SHARE = 0.1;
/** Memory is read this often; each sample keeps the lowest reading of its window. */
const READ_EVERY_MS = 5000;
/** Receipts of an alert are collected once it is this old. */
const DELIVERY_WAIT_MS = 5000;

if (!TOPOLOGY_KINDS.includes(KIND)) throw new Error(`--topology must be one of ${TOPOLOGY_KINDS.join(', ')}`);
if (!TRANSPORTS.includes(TRANSPORT)) throw new Error(`--transport must be one of ${TRANSPORTS.join(', ')}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const startedAt = Date.now();
const progress = (message: string) =>
  process.stderr.write(`[soak ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(5)} s] ${message}\n`);
const mb = (bytes: number) => bytes / 2 ** 20;
const round = (v: number, digits = 1) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

const teardown = new Teardown();

/**
 * The processes that hold consoles' connections (the balancer proxies each one). Ingest and
 * worker processes hold none, and their own swings would only blur the figure; their RSS is
 * still in each sample's per-process list.
 */
const HOLDS_CONSOLES = new Set<string>(['all', 'web', 'balancer']);

interface MemoryReading {
  rssBytes: number;
  heapUsedBytes: number | null;
  socketsConnected: number | null;
  processes: Array<{ role: string; pid: number; rssMb: number }>;
}

/**
 * The floor of a window: the lowest RSS and heap read every READ_EVERY_MS over `ms`, per process
 * and summed. A garbage-collected server's memory swings by more than what a thousand consoles
 * take; its floor, what survives collection, is what grows when something leaks.
 */
async function memoryFloor(topology: Topology, ms: number): Promise<MemoryReading> {
  const readings: MemoryReading[] = [];
  const end = performance.now() + ms;
  for (;;) {
    readings.push(await readMemory(topology));
    const left = end - performance.now();
    if (left <= 0) break;
    await sleep(Math.min(READ_EVERY_MS, left));
  }
  const heaps = readings.flatMap((r) => (r.heapUsedBytes === null ? [] : [r.heapUsedBytes]));
  const processes = topology.processes.map((p, i) => ({
    role: p.role,
    pid: p.pid,
    rssMb: Math.min(...readings.map((r) => r.processes[i]?.rssMb ?? Number.POSITIVE_INFINITY)),
  }));
  return {
    rssBytes: Math.min(...readings.map((r) => r.rssBytes)),
    heapUsedBytes: heaps.length ? Math.min(...heaps) : null,
    socketsConnected: readings[readings.length - 1]?.socketsConnected ?? null,
    processes,
  };
}

async function readMemory(topology: Topology): Promise<MemoryReading> {
  const processes = topology.processes.map((p) => ({
    role: p.role,
    pid: p.pid,
    rssMb: mb(readRssBytes(p.pid) ?? 0),
  }));
  const urls = topology.processes.flatMap((p) => (p.url && HOLDS_CONSOLES.has(p.role) ? [p.url] : []));
  const metrics = await readAllMetrics(urls, topology.metricsToken);
  return {
    rssBytes: processes.filter((p) => HOLDS_CONSOLES.has(p.role)).reduce((t, p) => t + p.rssMb * 2 ** 20, 0),
    heapUsedBytes: metrics?.heapUsedBytes ?? null,
    socketsConnected: metrics?.socketsConnected ?? null,
    processes,
  };
}

interface Sample {
  atS: number;
  rssMb: number;
  heapUsedMb: number | null;
  /** Heap left after a forced full collection (embedded topology), and its share per console. */
  retainedHeapMb: number | null;
  retainedPerConsoleKb: number | null;
  socketsConnected: number | null;
  perConsoleKb: number;
  processes: Array<{ role: string; pid: number; rssMb: number }>;
  alerts: number;
  alertP99Ms: number | null;
  lost: number;
}

type Trend = 'flat' | 'growing' | 'inconclusive';

/**
 * One rule for every memory series (RSS, the heap kept after collections): the least-squares
 * slope over the soak, projected over its length, against 10 % of what the consoles took (the
 * median over the samples of memory − baseline). Memory below the baseline, or falling by more
 * than that, means the server was still settling when the baseline was taken: inconclusive.
 */
function judgeTrend(points: Array<{ x: number; y: number }>, baselineMb: number, minutes: number) {
  const slopeMbPerMin = slope(points);
  const growthMb = slopeMbPerMin * minutes;
  const above = points.map((p) => p.y - baselineMb);
  const consolesMbMedian = percentile(Float64Array.from(above).sort(), 50);
  const tolerance = Math.max(0, consolesMbMedian) * GROWTH_SHARE;
  const trend: Trend =
    growthMb > tolerance
      ? 'growing'
      : Math.min(...above) < 0 || growthMb < -Math.max(tolerance, 1)
        ? 'inconclusive'
        : 'flat';
  return { slopeMbPerMin, growthMb, consolesMbMedian, trend };
}

/** Per console and trend of the heap kept after forced collections; null without readings. */
function retainedResult(samples: Sample[], minutes: number, baselineMb: number) {
  const points = samples.flatMap((s) =>
    s.retainedHeapMb === null ? [] : [{ x: s.atS / 60, y: s.retainedHeapMb }],
  );
  const last = samples[samples.length - 1];
  if (!points.length || !last || last.retainedPerConsoleKb === null) return null;
  const perConsole = samples.flatMap((s) =>
    s.retainedPerConsoleKb === null ? [] : [s.retainedPerConsoleKb],
  );
  const judged = judgeTrend(points, baselineMb, minutes);
  return {
    perConsoleKb: round(last.retainedPerConsoleKb),
    perConsoleKbMax: round(Math.max(...perConsole)),
    slopeMbPerMin: round(judged.slopeMbPerMin, 3),
    growthOverSoakMb: round(judged.growthMb),
    consolesMbMedian: round(judged.consolesMbMedian),
    trend: judged.trend,
    withinTarget:
      judged.trend === 'inconclusive'
        ? null
        : last.retainedPerConsoleKb <= TARGET_KB_PER_CONSOLE && judged.trend === 'flat',
  };
}

async function main(): Promise<void> {
  const limitS = WARMUP_S + MINUTES * 60 + 600 + CONSOLES / 5;
  const limit = setTimeout(() => {
    progress(`time limit of ${limitS} s reached`);
    void teardown.run(progress).finally(() => process.exit(1));
  }, limitS * 1000);
  limit.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void teardown.run(progress).finally(() => process.exit(130)));
  }
  const loadAtStart = os.loadavg()[0] ?? 0;
  progress(
    `${KIND}; ${CONSOLES} consoles for ${MINUTES} min after ${WARMUP_S} s of warm-up; ${UNITS} units over ${TRANSPORT}; an alert every ${ALERT_EVERY_S} s; samples every ${SAMPLE_EVERY_S} s`,
  );
  try {
    // The embedded process gets an inspector on loopback, through which each sample forces a full
    // collection and reads what is left (bench/retainedHeap.ts).
    const inspectorPort = KIND === 'embedded' ? await freePortBlock(1) : null;
    const topology = await startTopology(KIND, {
      units: UNITS,
      teardown,
      log: progress,
      nodeArgs: [
        ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        ...(inspectorPort ? [`--inspect=127.0.0.1:${inspectorPort}`] : []),
      ],
    });
    const retained = inspectorPort ? await RetainedHeap.connect(inspectorPort) : null;
    if (retained) teardown.add('inspector', async () => retained.close());
    const cookie = await login(topology, 'dispatcher1');
    let load: PositionLoad | null = null;
    if (UNITS > 0) {
      load = await startPositionLoad(topology, TRANSPORT, UNITS, teardown);
      progress(`${await load.reporting(30_000)} units reporting over ${TRANSPORT}`);
    }
    const poster = new AlertPoster(topology, cookie, `soak-${process.pid}`);
    const alertCount = Math.max(1, Math.floor((WARMUP_S + MINUTES * 60) / ALERT_EVERY_S));
    // The alerts run on their own schedule from the warm-up to the end; samples are taken beside them.
    const alerting = postOnSchedule(alertCount, ALERT_EVERY_S * 1000, (i) => poster.post(String(i)));
    progress(`warming up for ${WARMUP_S} s with the position load and alerts, no consoles`);
    // The baseline is the floor of the warm-up's second half.
    await sleep((WARMUP_S * 1000) / 2);
    // Every sample ends with a forced collection, which shrinks the heap V8 keeps; the baseline's
    // RSS starts after one too, or every later RSS would compare against a fuller process.
    await retained?.read();
    const floor = await memoryFloor(topology, (WARMUP_S * 1000) / 2);
    const baseline = {
      rssBytes: floor.rssBytes,
      heapUsedBytes: floor.heapUsedBytes ?? Number.NaN,
      retainedBytes: retained ? (await retained.read()).heapUsedBytes : Number.NaN,
    };
    progress(
      `baseline (no consoles): RSS ${mb(baseline.rssBytes).toFixed(0)} MB, heap ${mb(baseline.heapUsedBytes).toFixed(0)} MB, retained ${retained ? `${mb(baseline.retainedBytes).toFixed(1)} MB` : 'not read'}; connecting ${CONSOLES} consoles`,
    );

    const { fleet, ready } = await startSocketConsoles(topology.url, CONSOLES, cookie, teardown);
    progress(`${ready.connected} of ${CONSOLES} consoles connected in ${(ready.ms / 1000).toFixed(1)} s`);
    const consoles = Math.max(1, ready.connected);
    const soakStart = performance.now();
    const soakEnd = soakStart + MINUTES * 60_000;
    /** Only alerts raised once the consoles were there can reach them. */
    const consolesSince = wallNow();
    const afterConsoles = () => [...poster.raised()].filter(([, t0]) => t0 >= consolesSince);
    let collected = new Set<string>();

    const samples: Sample[] = [];
    let lostTotal = 0;
    const takeSample = async (windowMs: number) => {
      const reading = await memoryFloor(topology, windowMs);
      const kept = retained ? (await retained.read()).heapUsedBytes : null;
      const due = afterConsoles().filter(
        ([id, t0]) => !collected.has(id) && wallNow() - t0 > DELIVERY_WAIT_MS,
      );
      let alertP99: number | null = null;
      let lost = 0;
      if (due.length) {
        send(fleet, { type: 'collect', ids: due.map(([id]) => id), timeoutMs: 1000 });
        const results = await nextMessage(fleet, 'results', 30_000);
        const latency = summarize(new Map(due), results.receipts, CONSOLES);
        alertP99 = round(latency.p99);
        lost = latency.lost;
        lostTotal += lost;
        collected = new Set([...collected, ...due.map(([id]) => id)]);
      }
      const sample: Sample = {
        atS: (performance.now() - soakStart) / 1000,
        rssMb: mb(reading.rssBytes),
        heapUsedMb: reading.heapUsedBytes === null ? null : mb(reading.heapUsedBytes),
        retainedHeapMb: kept === null ? null : mb(kept),
        retainedPerConsoleKb: kept === null ? null : (kept - baseline.retainedBytes) / consoles / 1024,
        socketsConnected: reading.socketsConnected,
        perConsoleKb: (reading.rssBytes - baseline.rssBytes) / consoles / 1024,
        processes: reading.processes,
        alerts: due.length,
        alertP99Ms: alertP99,
        lost,
      };
      samples.push(sample);
      progress(
        `${(sample.atS / 60).toFixed(1)} min: RSS ${sample.rssMb.toFixed(0)} MB (${sample.perConsoleKb.toFixed(1)} KB per console), heap ${sample.heapUsedMb?.toFixed(0) ?? 'n/a'} MB, retained ${sample.retainedHeapMb?.toFixed(1) ?? 'n/a'} MB (${sample.retainedPerConsoleKb?.toFixed(1) ?? 'n/a'} KB per console), ${sample.socketsConnected ?? 'n/a'} sockets, ${due.length} alerts p99 ${alertP99 ?? 'n/a'} ms`,
      );
    };

    while (performance.now() < soakEnd)
      await takeSample(Math.min(SAMPLE_EVERY_S * 1000, Math.max(0, soakEnd - performance.now())));
    const posted = await alerting;
    await poster.settle();
    // Alerts posted in the last stretch: their delivery, without another memory sample.
    const rest = afterConsoles().filter(([id]) => !collected.has(id));
    if (rest.length) {
      send(fleet, { type: 'collect', ids: rest.map(([id]) => id), timeoutMs: DELIVERY_WAIT_MS });
      const results = await nextMessage(fleet, 'results', 30_000);
      lostTotal += summarize(new Map(rest), results.receipts, CONSOLES).lost;
    }
    await load?.stop();

    const first = samples[0];
    const last = samples[samples.length - 1];
    if (!first || !last) throw new Error('no samples');
    const minutes = (last.atS - first.atS) / 60;
    const rss = judgeTrend(
      samples.map((s) => ({ x: s.atS / 60, y: s.rssMb })),
      mb(baseline.rssBytes),
      minutes,
    );
    const heapSlope = slope(
      samples.flatMap((s) => (s.heapUsedMb === null ? [] : [{ x: s.atS / 60, y: s.heapUsedMb }])),
    );
    const consolesMbAtFirst = first.rssMb - mb(baseline.rssBytes);
    const { trend, growthMb, consolesMbMedian } = rss;
    const perConsoleKb = last.perConsoleKb;
    const keptResult = retainedResult(samples, minutes, mb(baseline.retainedBytes));
    const sortedPosts = Float64Array.from(posted.postMs).sort();
    const failedPosts = [...posted.failures.values()].reduce((a, b) => a + b, 0);
    const summary = {
      bench: 'soak',
      at: new Date().toISOString(),
      machine: { cores: os.cpus().length, node: process.version, loadAverageAtStart: loadAtStart },
      options: {
        topology: KIND,
        describe: topology.describe,
        minutes: MINUTES,
        consoles: CONSOLES,
        consolesConnected: ready.connected,
        units: UNITS,
        transport: TRANSPORT,
        alertEveryS: ALERT_EVERY_S,
        warmupS: WARMUP_S,
        sampleEveryS: SAMPLE_EVERY_S,
      },
      baseline: {
        rssMb: round(mb(baseline.rssBytes)),
        heapUsedMb: round(mb(baseline.heapUsedBytes)),
        retainedHeapMb: round(mb(baseline.retainedBytes)),
      },
      samples: samples.map((s) => ({
        ...s,
        atS: round(s.atS),
        rssMb: round(s.rssMb),
        heapUsedMb: s.heapUsedMb === null ? null : round(s.heapUsedMb),
        retainedHeapMb: s.retainedHeapMb === null ? null : round(s.retainedHeapMb),
        retainedPerConsoleKb: s.retainedPerConsoleKb === null ? null : round(s.retainedPerConsoleKb),
        perConsoleKb: round(s.perConsoleKb),
        processes: s.processes.map((p) => ({ ...p, rssMb: round(p.rssMb) })),
      })),
      result: {
        perConsoleKb: round(perConsoleKb),
        perConsoleKbMax: round(Math.max(...samples.map((s) => s.perConsoleKb))),
        rssSlopeMbPerMin: round(rss.slopeMbPerMin, 3),
        heapSlopeMbPerMin: round(heapSlope, 3),
        rssGrowthOverSoakMb: round(growthMb),
        consolesMbAtFirstSample: round(consolesMbAtFirst),
        consolesMbMedian: round(consolesMbMedian),
        trend,
        withinTarget:
          trend === 'inconclusive' ? null : perConsoleKb <= TARGET_KB_PER_CONSOLE && trend === 'flat',
        /** The same judgement on the heap left after a forced full collection (embedded only). */
        retained: keptResult,
      },
      alerts: {
        posted: posted.postMs.length + failedPosts,
        failed: failedPosts,
        slow: posted.postMs.filter((v) => v > SLOW_POST_MS).length,
        postP99Ms: round(percentile(sortedPosts, 99)),
        lostDeliveries: lostTotal,
      },
    };
    if (JSON_FILE) fs.writeFileSync(JSON_FILE, `${JSON.stringify(summary, null, 2)}\n`);
    const r = summary.result;
    process.stdout.write(
      [
        '',
        `Shieldline bench:soak — ${summary.at}, ${os.cpus().length} cores, Node ${process.version}, load average ${loadAtStart.toFixed(1)} at start`,
        `${topology.describe}; ${ready.connected} consoles for ${MINUTES} min; ${UNITS} units over ${TRANSPORT} at 1 Hz; an alert every ${ALERT_EVERY_S} s`,
        '',
        'min    RSS MB  heap MB  KB/console  kept MB  kept KB/console  sockets  alerts  alert p99 ms',
        `base ${summary.baseline.rssMb?.toFixed(0).padStart(8)} ${summary.baseline.heapUsedMb?.toFixed(0).padStart(8)} ${''.padStart(11)} ${(summary.baseline.retainedHeapMb?.toFixed(1) ?? '—').padStart(8)}`,
        ...samples.map((s) =>
          [
            (s.atS / 60).toFixed(1).padEnd(4),
            s.rssMb.toFixed(0).padStart(8),
            (s.heapUsedMb?.toFixed(0) ?? 'n/a').padStart(8),
            s.perConsoleKb.toFixed(1).padStart(11),
            (s.retainedHeapMb?.toFixed(1) ?? '—').padStart(8),
            (s.retainedPerConsoleKb?.toFixed(1) ?? '—').padStart(16),
            String(s.socketsConnected ?? 'n/a').padStart(8),
            String(s.alerts).padStart(7),
            String(s.alertP99Ms ?? '—').padStart(13),
          ].join(' '),
        ),
        '',
        `Memory per connected console: ${r.perConsoleKb} KB at the end (max ${r.perConsoleKbMax} KB; target ≤ ${TARGET_KB_PER_CONSOLE} KB).`,
        `RSS slope ${r.rssSlopeMbPerMin} MB/min (heap ${r.heapSlopeMbPerMin} MB/min): ${r.rssGrowthOverSoakMb} MB over the soak against ${r.consolesMbMedian} MB the consoles took (median; ${r.consolesMbAtFirstSample} MB at the first sample) → ${r.trend}.`,
        `Alerts (from the warm-up on): ${summary.alerts.posted} posted, ${summary.alerts.failed} failed, ${summary.alerts.slow} over 1 s, POST p99 ${summary.alerts.postP99Ms} ms, ${summary.alerts.lostDeliveries} deliveries lost.`,
        `Target (≤ ${TARGET_KB_PER_CONSOLE} KB per console, flat) by RSS: ${r.withinTarget === null ? 'not judged: memory fell below the baseline while the server settled (try a longer --warmup)' : r.withinTarget ? 'met' : 'NOT met'}.`,
        r.retained
          ? `Heap kept after a full collection: ${r.retained.perConsoleKb} KB per console at the end (max ${r.retained.perConsoleKbMax} KB), slope ${r.retained.slopeMbPerMin} MB/min: ${r.retained.growthOverSoakMb} MB over the soak against ${r.retained.consolesMbMedian} MB the consoles kept (median) → ${r.retained.trend}; target by what is kept: ${r.retained.withinTarget === null ? 'not judged' : r.retained.withinTarget ? 'met' : 'NOT met'}.`
          : 'Heap kept after a full collection: not read (the embedded topology only).',
        JSON_FILE ? `JSON summary: ${JSON_FILE}` : '',
        '',
      ].join('\n'),
    );
  } finally {
    progress('tearing down');
    clearTimeout(limit);
    await teardown.run(progress);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:soak failed: ${err instanceof Error ? err.message : String(err)}\n`);
  void teardown.run(progress).finally(() => process.exit(1));
});
