/**
 * npm run bench:alerts — alert-to-console latency with many consoles while many units report.
 *
 * 1. Baseline: a bare `ws` broadcast server (child process) and BENCH_CONSOLES (1000) plain ws
 *    clients; BENCH_ALERTS (50) messages POSTed to it, each sent on to every client.
 * 2. Shieldline: the real server (`node --import tsx server/main.ts`, ROLE=all, PGlite in a temp
 *    DATA_DIR with BENCH_UNITS (2000) extra units seeded, its own REDIS_PREFIX) as a child
 *    process, and BENCH_CONSOLES socket.io consoles logged in as dispatcher1 (one session cookie).
 *    Alerts through POST /api/v1/alerts: with the units idle; while every unit reports once a
 *    second through POST /api/v1/units/:id/position with the device key (the simulator in its
 *    own process; BENCH_HTTP_ALERTS, 10, because that path saturates); and while every unit's
 *    field officer reports over its own socket ('unit:v1:position'), the lighter path.
 *
 * Latency: from just before an alert's POST starts to each console receiving the
 * 'stream:v1:event' that announces the incident (the baseline: the message itself), on the same
 * wall clock in both processes; percentiles over every (alert, console) pair. CPU and RSS from
 * /proc/<pid>/stat. Everything is torn down at the end (children, temp dir, Redis keys); a hard
 * time limit (BENCH_TIME_LIMIT_S, 165) ends the run and prints what was measured so far.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { freePort } from '../server/testing/redisServer';
import { generateAlert } from '../simulator/alertGenerator';
import { createRand } from '../simulator/random';
import { forkTs, nextMessage, send, stopChild } from './ipc';
import { type LatencySummary, percentile, summarize } from './latency';
import { MachineSampler, ProcSampler, type ProcWindow } from './procStats';
import { seedBenchUnits } from './seedUnits';

const CONSOLES = Number(process.env.BENCH_CONSOLES ?? 1000);
const UNITS = Number(process.env.BENCH_UNITS ?? 2000);
const ALERTS = Number(process.env.BENCH_ALERTS ?? 50);
const TIME_LIMIT_S = Number(process.env.BENCH_TIME_LIMIT_S ?? 165);
/** Alerts are posted on a fixed schedule, not one after the other's answer (no coordinated omission). */
const SPACING_IDLE_MS = 250;
const SPACING_LOADED_MS = 300;
/** Let the position load settle before measuring under it. */
const WARMUP_MS = 6000;
/** Alerts in the HTTP-load phase: few, because that path saturates and each failure waits out its timeout. */
const HTTP_ALERTS = Number(process.env.BENCH_HTTP_ALERTS ?? 10);
/** How long to wait for stragglers after the last alert. */
const DRAIN_MS = 10_000;
/** An alert POST not answered within this counts as failed. */
const POST_TIMEOUT_MS = 10_000;
/** The baseline's message is about the size of an incident event. */
const BASELINE_PAYLOAD_CHARS = 1400;
const PASSWORD = 'bench-password-123';
const DEVICE_KEY = `bench-device-key-${randomBytes(8).toString('hex')}`;
/** Device keys speak only for the units they are bound to: this one is the seeded units' gateway. */
const GATEWAY_KEY = `bench-gateway-key-${randomBytes(8).toString('hex')}`;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = path.resolve(import.meta.dirname, '..');

const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const progress = (message: string) =>
  process.stderr.write(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
const startedAt = Date.now();

interface PhaseResult {
  name: string;
  latency: LatencySummary;
  server: ProcWindow;
  consolesCpu: number;
  machineBusy: number;
  postMs: number[];
  /** Failed POSTs by reason. */
  postFailures: Map<string, number>;
  positionBatchesPerConsoleS: number;
  alarms: number;
  eventChars: number;
  disconnects: number;
  /** Position reports the server admitted and shed per second during the phase (its /metrics). */
  positions: { admittedPerS: number; shedPerS: number } | null;
}

/** What has been measured so far: printed at the end, or when the time limit cuts the run short. */
const report: { phases: PhaseResult[]; setup: string; notes: string[] } = {
  phases: [],
  setup: '',
  notes: [],
};

/** Everything started, so that any exit can clean up. */
const cleanup: {
  children: ChildProcess[];
  dataDir: string | null;
  redisPrefix: string | null;
} = { children: [], dataDir: null, redisPrefix: null };

async function tearDown(): Promise<void> {
  await Promise.all(cleanup.children.map((c) => stopChild(c, 8000)));
  if (cleanup.dataDir) fs.rmSync(cleanup.dataDir, { recursive: true, force: true });
  if (cleanup.redisPrefix) {
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${cleanup.redisPrefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.unlink(...keys);
      } while (cursor !== '0');
    } catch {
      // A leftover prefix on a shared Redis is harmless; each run uses a new one.
    } finally {
      redis.disconnect();
    }
  }
}

function track(child: ChildProcess): ChildProcess {
  cleanup.children.push(child);
  return child;
}

async function waitHealthy(url: string, server: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited: ${stderr()}`);
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not healthy in 90 s: ${stderr()}`);
    await sleep(200);
  }
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`login ${username}: ${res.status}`);
  return cookie;
}

/** Posts `count` messages on a fixed schedule; `post` resolves to the id to match receipts by, or throws. */
async function postOnSchedule(
  count: number,
  spacingMs: number,
  post: (i: number) => Promise<string>,
): Promise<{ sentAt: Map<string, number>; postMs: number[]; failures: Map<string, number> }> {
  const sentAt = new Map<string, number>();
  const postMs: number[] = [];
  const failures = new Map<string, number>();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = wallNow();
    pending.push(
      post(i).then(
        (id) => {
          postMs.push(wallNow() - t0);
          sentAt.set(id, t0);
        },
        (err: unknown) => {
          const reason = err instanceof Error ? err.message : String(err);
          failures.set(reason, (failures.get(reason) ?? 0) + 1);
        },
      ),
    );
    await sleep(spacingMs);
  }
  await Promise.all(pending);
  return { sentAt, postMs, failures };
}

async function collect(fleet: ChildProcess, ids: string[]) {
  send(fleet, { type: 'collect', ids, timeoutMs: DRAIN_MS });
  return nextMessage(fleet, 'results', DRAIN_MS + 30_000);
}

async function baseline(): Promise<void> {
  progress('baseline: starting a bare ws broadcast server');
  const server = track(forkTs('bench/wsBaselineServer.ts'));
  const { port } = await nextMessage(server, 'listening', 30_000);
  progress(`baseline: connecting ${CONSOLES} ws clients`);
  const fleet = track(
    forkTs('bench/consoleFleet.ts', [], {
      FLEET_MODE: 'ws',
      FLEET_URL: `ws://127.0.0.1:${port}`,
      FLEET_COUNT: String(CONSOLES),
    }),
  );
  const ready = await nextMessage(fleet, 'ready', 60_000);
  progress(
    `baseline: ${ready.connected} connected in ${(ready.ms / 1000).toFixed(1)} s; ${ALERTS} broadcasts`,
  );
  const serverCpu = new ProcSampler(server.pid ?? 0);
  const fleetCpu = new ProcSampler(fleet.pid ?? 0);
  const machine = new MachineSampler();
  const padding = 'x'.repeat(BASELINE_PAYLOAD_CHARS);
  const posted = await postOnSchedule(ALERTS, SPACING_IDLE_MS, async (i) => {
    const id = `baseline-${i}`;
    const res = await fetch(`http://127.0.0.1:${port}/broadcast`, {
      method: 'POST',
      body: JSON.stringify({ id, padding }),
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    return id;
  });
  const results = await collect(fleet, [...posted.sentAt.keys()]);
  report.phases.push({
    name: 'bare ws broadcast (baseline)',
    latency: summarize(posted.sentAt, results.receipts, CONSOLES),
    server: serverCpu.window(),
    consolesCpu: fleetCpu.window().cpuPercent,
    machineBusy: machine.window().busyPercent,
    postMs: posted.postMs,
    postFailures: posted.failures,
    positionBatchesPerConsoleS: 0,
    alarms: 0,
    eventChars: results.eventChars,
    disconnects: results.disconnects,
    positions: null,
  });
  serverCpu.stop();
  fleetCpu.stop();
  await Promise.all([stopChild(fleet), stopChild(server)]);
}

const IncidentRef = z.object({ id: z.string() });

/** Position reports admitted and shed so far, summed over paths and reasons, from the server's /metrics. */
async function positionCounters(url: string): Promise<{ admitted: number; shed: number; at: number } | null> {
  try {
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    const sum = (name: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
        .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    return {
      admitted: sum('shieldline_positions_admitted_total'),
      shed: sum('shieldline_positions_shed_total'),
      at: performance.now(),
    };
  } catch {
    return null;
  }
}

/** Pending connections in the listening socket's accept queue (ss Recv-Q), or null if ss fails. */
function acceptQueue(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const ss = spawn('ss', ['-Hltn', `sport = :${port}`]);
    let out = '';
    ss.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    ss.on('error', () => resolve(null));
    ss.on('exit', () => {
      const recvQ = Number(out.trim().split(/\s+/)[1]);
      resolve(Number.isFinite(recvQ) ? recvQ : null);
    });
  });
}

const LoadStatsMessage = z.object({
  type: z.literal('stats'),
  accepted: z.number(),
  rejected: z.number(),
  failed: z.number(),
  delayed: z.number(),
  sent: z.number(),
  units: z.number(),
});

async function shieldline(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-bench-'));
  cleanup.dataDir = dataDir;
  progress(`shieldline: seeding ${UNITS} extra units with field officers into PGlite at ${dataDir}`);
  const seeded = await seedBenchUnits(dataDir, UNITS, GATEWAY_KEY);
  const unitsFile = path.join(dataDir, 'bench-units.json');
  fs.writeFileSync(unitsFile, JSON.stringify(seeded));
  const port = await freePort();
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  cleanup.redisPrefix = prefix;
  const url = `http://127.0.0.1:${port}`;
  progress('shieldline: starting the server (ROLE=all, PGlite, LOG_LEVEL=warn)');
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const server = track(
    spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        ROLE: 'all',
        DEMO: '1',
        SIMULATE: '0',
        DEMO_PASSWORD: PASSWORD,
        DEMO_DEVICE_KEY: DEVICE_KEY,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        REDIS_URL,
        REDIS_PREFIX: prefix,
        REDIS_AUTOSTART: '0',
        LOG_LEVEL: 'warn',
        // Alerts whose POST timed out are never acknowledged: keep their re-alarms out of later phases.
        UNACKED_LADDER_S: '3600,3601,3602',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
  let serverStderr = '';
  server.stderr?.on('data', (d: Buffer) => {
    serverStderr = (serverStderr + d.toString()).slice(-4000);
  });
  await waitHealthy(url, server, () => serverStderr);
  const serverPid = server.pid ?? 0;
  const cookie = await login(url, 'dispatcher1');
  progress(`shieldline: up (pid ${serverPid}); connecting ${CONSOLES} socket.io consoles as dispatcher1`);
  const fleet = track(
    forkTs('bench/consoleFleet.ts', [], {
      FLEET_MODE: 'socketio',
      FLEET_URL: url,
      FLEET_COUNT: String(CONSOLES),
      FLEET_COOKIE: cookie,
    }),
  );
  const ready = await nextMessage(fleet, 'ready', 120_000);
  report.setup = `${ready.connected} of ${CONSOLES} consoles connected in ${(ready.ms / 1000).toFixed(1)} s`;
  progress(`shieldline: ${report.setup}`);

  const rand = createRand(3);
  const acks: Promise<unknown>[] = [];
  const postAlert = async (i: number, phase: string): Promise<string> => {
    const res = await fetch(`${url}/api/v1/alerts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${DEVICE_KEY}`,
        'idempotency-key': `${prefix}-${phase}-${i}`,
      },
      body: JSON.stringify(generateAlert(rand, { near: null, now: new Date() })),
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
    if (res.status !== 201) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 120)}`);
    const { id } = IncidentRef.parse(await res.json());
    // A dispatcher takes it a second later, as the command center would: no escalation ladder
    // re-alarms while the benchmark runs.
    acks.push(
      sleep(1000).then(() =>
        fetch(`${url}/api/v1/incidents/${id}/acknowledge`, {
          method: 'POST',
          headers: { cookie },
          signal: AbortSignal.timeout(POST_TIMEOUT_MS),
        }).then(
          (r) => r.body?.cancel(),
          () => undefined,
        ),
      ),
    );
    return id;
  };

  const serverCpu = new ProcSampler(serverPid);
  const fleetCpu = new ProcSampler(fleet.pid ?? 0);
  const machine = new MachineSampler();

  async function measure(name: string, alerts: number, spacingMs: number, tag: string): Promise<void> {
    serverCpu.window();
    fleetCpu.window();
    machine.window();
    const countersBefore = await positionCounters(url);
    const posted = await postOnSchedule(alerts, spacingMs, (i) => postAlert(i, tag));
    const results = await collect(fleet, [...posted.sentAt.keys()]);
    const countersAfter = await positionCounters(url);
    const seconds = countersBefore && countersAfter ? (countersAfter.at - countersBefore.at) / 1000 : 0;
    report.phases.push({
      name,
      latency: summarize(posted.sentAt, results.receipts, CONSOLES),
      server: serverCpu.window(),
      consolesCpu: fleetCpu.window().cpuPercent,
      machineBusy: machine.window().busyPercent,
      postMs: posted.postMs,
      postFailures: posted.failures,
      positionBatchesPerConsoleS: results.positionBatches / Math.max(1, ready.connected) / results.seconds,
      alarms: results.alarms,
      eventChars: results.eventChars,
      disconnects: results.disconnects,
      positions:
        countersBefore && countersAfter && seconds > 0
          ? {
              admittedPerS: (countersAfter.admitted - countersBefore.admitted) / seconds,
              shedPerS: (countersAfter.shed - countersBefore.shed) / seconds,
            }
          : null,
    });
    await Promise.all(acks.splice(0));
  }

  /** Runs one measured phase while `load` reports positions; notes what the load achieved. */
  async function underLoad(
    label: string,
    how: string,
    load: ChildProcess,
    alerts: number,
    tag: string,
  ): Promise<void> {
    let latest: z.infer<typeof LoadStatsMessage> | null = null;
    load.on('message', (raw: unknown) => {
      const parsed = LoadStatsMessage.safeParse(raw);
      if (parsed.success) latest = parsed.data;
    });
    const current = () => latest ?? { accepted: 0, rejected: 0, failed: 0, delayed: 0, sent: 0, units: 0 };
    const loadCpu = new ProcSampler(load.pid ?? 0);
    const unitsDeadline = Date.now() + 30_000;
    while (current().units < UNITS && Date.now() < unitsDeadline) await sleep(200);
    await sleep(WARMUP_MS);
    const before = { ...current(), at: performance.now() };
    loadCpu.window();
    progress(`shieldline: ${alerts} alerts while ${current().units} units report ${how}`);
    let queuePeak = 0;
    const queueTimer = setInterval(() => {
      void acceptQueue(port).then((q) => {
        queuePeak = Math.max(queuePeak, q ?? 0);
      });
    }, 1000);
    await measure(`Shieldline, ${UNITS} units ${label}`, alerts, SPACING_LOADED_MS, tag);
    clearInterval(queueTimer);
    const after = { ...current(), at: performance.now() };
    const loadWindow = loadCpu.window();
    loadCpu.stop();
    const seconds = (after.at - before.at) / 1000;
    const perS = (n: number) => (n / seconds).toFixed(0);
    report.notes.push(
      [
        `Positions ${how}: ${after.units} units, target ${UNITS}/s; during the phase (${seconds.toFixed(0)} s)`,
        `${perS(after.sent - before.sent)}/s sent, ${perS(after.accepted - before.accepted)}/s accepted,`,
        `${perS(after.rejected - before.rejected)}/s refused (1/s limit), ${perS(after.failed - before.failed)}/s failed or timed out,`,
        `${perS(after.delayed - before.delayed)}/s sent over a second late; load generator CPU ${loadWindow.cpuPercent.toFixed(0)} %;`,
        `server accept queue peaked at ${queuePeak} connections.`,
      ].join(' '),
    );
    send(load, { type: 'stop' });
    await stopChild(load, 3000);
  }

  progress(`shieldline: ${ALERTS} alerts, units idle`);
  await measure('Shieldline, units idle', ALERTS, SPACING_IDLE_MS, 'idle');

  progress(
    `shieldline: ${UNITS} units reporting through POST /api/v1/units/:id/position (simulator, own process)`,
  );
  await underLoad(
    'via HTTP',
    'through POST /api/v1/units/:id/position with the device key',
    track(
      forkTs('bench/unitLoad.ts', [], {
        LOAD_URL: url,
        LOAD_UNITS: String(UNITS),
        LOAD_RATE: String(UNITS),
        LOAD_PASSWORD: PASSWORD,
        LOAD_DEVICE_KEY: GATEWAY_KEY,
      }),
    ),
    HTTP_ALERTS,
    'http',
  );
  // Let the server work off what the HTTP load left queued before the next phase.
  await sleep(3000);

  progress(`shieldline: ${UNITS} field officers connecting, reporting over their sockets`);
  const socketLoad = track(
    forkTs('bench/socketUnitLoad.ts', [], { LOAD_URL: url, LOAD_UNITS_FILE: unitsFile }),
  );
  const socketsReady = await nextMessage(socketLoad, 'ready', 120_000);
  progress(
    `shieldline: ${socketsReady.connected} officer sockets connected in ${(socketsReady.ms / 1000).toFixed(1)} s`,
  );
  await underLoad(
    'via socket',
    "over each field officer's socket ('unit:v1:position')",
    socketLoad,
    ALERTS,
    'socket',
  );

  serverCpu.stop();
  fleetCpu.stop();
}

function describeFailures(failures: Map<string, number>): string {
  if (failures.size === 0) return 'no failed alert POSTs';
  return `failed alert POSTs: ${[...failures].map(([reason, n]) => `${n} × ${reason}`).join('; ')}`;
}

function ms(v: number): string {
  return Number.isFinite(v) ? v.toFixed(1) : 'n/a';
}

function table(phases: PhaseResult[]): string {
  const head = [
    'scenario'.padEnd(34),
    'msgs',
    '  pairs',
    ' lost',
    '  p50 ms',
    '  p95 ms',
    '  p99 ms',
    '  max ms',
    ' POST p50',
    ' server CPU',
    ' server RSS',
    ' consoles CPU',
    ' machine busy',
  ];
  const rows = phases.map((p) => {
    const sortedPost = Float64Array.from(p.postMs).sort();
    return [
      p.name.padEnd(34),
      String(p.latency.messages).padStart(4),
      String(p.latency.pairs).padStart(7),
      String(p.latency.lost).padStart(5),
      ms(p.latency.p50).padStart(8),
      ms(p.latency.p95).padStart(8),
      ms(p.latency.p99).padStart(8),
      ms(p.latency.max).padStart(8),
      `${ms(percentile(sortedPost, 50))} ms`.padStart(9),
      `${p.server.cpuPercent.toFixed(0)} %`.padStart(11),
      `${p.server.rssPeakMb.toFixed(0)} MB`.padStart(11),
      `${p.consolesCpu.toFixed(0)} %`.padStart(13),
      `${p.machineBusy.toFixed(0)} %`.padStart(13),
    ];
  });
  return [head, ...rows].map((r) => r.join(' ')).join('\n');
}

let loadAtStart = 0;
let printed = false;

/** `--json FILE`: the machine-readable summary, one entry per scenario. */
const jsonFile = (() => {
  const i = process.argv.indexOf('--json');
  return i >= 0 ? process.argv[i + 1] : undefined;
})();

/** Over this, an alert POST counts as slow (issue #14's target: none in any scenario). */
const SLOW_POST_MS = 1000;

export function phaseSummary(p: PhaseResult) {
  const sortedPost = Float64Array.from(p.postMs).sort();
  const failed = [...p.postFailures.values()].reduce((a, b) => a + b, 0);
  const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : null);
  return {
    scenario: p.name,
    deliveryMs: {
      p50: round(p.latency.p50),
      p95: round(p.latency.p95),
      p99: round(p.latency.p99),
      max: round(p.latency.max),
    },
    pairs: p.latency.pairs,
    lost: p.latency.lost,
    posts: {
      sent: p.postMs.length + failed,
      failed,
      slow: p.postMs.filter((v) => v > SLOW_POST_MS).length,
      p50Ms: round(percentile(sortedPost, 50)),
      p99Ms: round(percentile(sortedPost, 99)),
      failures: Object.fromEntries(p.postFailures),
    },
    server: { cpuPercent: round(p.server.cpuPercent), rssPeakMb: round(p.server.rssPeakMb) },
    consolesCpuPercent: round(p.consolesCpu),
    machineBusyPercent: round(p.machineBusy),
    positionsPerS: p.positions
      ? { accepted: round(p.positions.admittedPerS), shed: round(p.positions.shedPerS) }
      : null,
  };
}

function writeJson(): void {
  if (!jsonFile) return;
  const summary = {
    bench: 'alerts',
    at: new Date().toISOString(),
    machine: { cores: os.cpus().length, node: process.version, loadAverageAtStart: loadAtStart },
    consoles: CONSOLES,
    units: UNITS,
    topology: 'one process, ROLE=all, PGlite (baseline: bare ws server)',
    scenarios: report.phases.map(phaseSummary),
    setup: report.setup,
    notes: report.notes,
  };
  fs.writeFileSync(jsonFile, `${JSON.stringify(summary, null, 2)}\n`);
}

function printReport(): void {
  if (printed) return;
  printed = true;
  writeJson();
  const { phases } = report;
  const out = [
    '',
    `Shieldline bench:alerts — ${new Date().toISOString()}, ${os.cpus().length} cores, Node ${process.version}, load average ${loadAtStart.toFixed(1)} at start (other processes on the machine count too)`,
    '',
    `What is measured: for each alert, the time from just before its POST /api/v1/alerts starts to the moment each of`,
    `${CONSOLES} consoles (socket.io-client, websocket transport, one process) receives the 'stream:v1:event' announcing the incident;`,
    `p50/p95/p99/max over every (alert, console) pair. The baseline does the same with a bare \`ws\` server that sends each POSTed`,
    `message on to ${CONSOLES} plain ws clients (no auth, database, Redis or socket.io). Alerts leave on a fixed schedule`,
    `(${SPACING_IDLE_MS} ms apart idle, ${SPACING_LOADED_MS} ms under load); "lost" = pairs not received within ${DRAIN_MS / 1000} s after the last one.`,
    `CPU: share of one core over the phase (/proc/<pid>/stat); RSS: peak during the phase. "consoles CPU" is the process`,
    `holding all ${CONSOLES} consoles; "machine busy" is all cores, all processes. Position load: ${UNITS} seeded units, each`,
    `reporting once a second, first through the HTTP route with the device key (the simulator as load generator), then, as the`,
    `lighter path, over ${UNITS} field-officer sockets. One server process (ROLE=all, PGlite, Redis ${REDIS_URL}, LOG_LEVEL=warn);`,
    `each alert is acknowledged by a dispatcher 1 s after its 201 and the unacknowledged-alert ladder is set to an hour.`,
    '',
    table(phases),
    '',
    report.setup
      ? `Shieldline setup: ${report.setup}; announcing event ${phases[1]?.eventChars ?? 0} JSON chars (baseline message ${phases[0]?.eventChars ?? 0}).`
      : '',
    ...phases
      .slice(1)
      .map(
        (p) =>
          `${p.name}: each console got ${p.positionBatchesPerConsoleS.toFixed(2)} position batches/s (volatile, at most 2/s); ${p.alarms} distress alarms acknowledged; ${p.disconnects} console disconnects; ${describeFailures(p.postFailures)}.`,
      ),
    ...report.notes,
    '',
  ];
  process.stdout.write(out.filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n'));
}

async function main(): Promise<void> {
  const limit = setTimeout(() => {
    report.notes.push(
      `INCOMPLETE: the time limit of ${TIME_LIMIT_S} s was reached; phases not in the table did not finish.`,
    );
    printReport();
    void tearDown().finally(() => process.exit(1));
  }, TIME_LIMIT_S * 1000);
  limit.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void tearDown().finally(() => process.exit(130)));
  }
  loadAtStart = os.loadavg()[0] ?? 0;
  try {
    await baseline();
    await shieldline();
  } finally {
    progress('tearing down');
    clearTimeout(limit);
    await tearDown();
  }
  printReport();
}

main().catch((err: unknown) => {
  report.notes.push(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
  printReport();
  void tearDown().finally(() => process.exit(1));
});
